from django.urls import path

from . import offer_views, views

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("roles/", views.role_list, name="role_list"),
    path("roles/compare/", views.role_compare, name="role_compare"),
    path("roles/<slug:slug>/", views.role_detail, name="role_detail"),
    path("hubs/", views.hub_list, name="hub_list"),
    path("hubs/<slug:slug>/", views.hub_detail, name="hub_detail"),
    path("salaries/", views.salary_explorer, name="salary_explorer"),
    path("salaries/offers/", offer_views.offer_compare, name="offer_compare"),
    path("salaries/offers/<int:pk>/delete/", offer_views.offer_delete, name="offer_delete"),
    path("guide/negotiation/", views.guide_negotiation, name="guide_negotiation"),
    path("guide/work-arrangements/", views.guide_work_arrangements, name="guide_work_arrangements"),
    path("guide/interviews/", views.guide_interviews, name="guide_interviews"),
    path("guide/faq/", views.guide_faq, name="guide_faq"),
]

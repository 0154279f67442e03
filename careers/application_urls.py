from django.urls import path

from . import application_views as views

app_name = "applications"

urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.new, name="new"),
    path("offers/", views.compare_offers, name="compare_offers"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/offer/", views.offer_terms, name="offer_terms"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/contacts/", views.add_contact, name="add_contact"),
    path("<int:pk>/contacts/<int:contact_pk>/delete/", views.delete_contact, name="delete_contact"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("reminders/", views.reminder_settings, name="reminders"),
    path("reminders/calendar/", views.reset_calendar, name="reset_calendar"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

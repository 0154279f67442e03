from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.resume, name="resume"),
    path("<int:pk>/step/<int:number>/", views.step, name="step"),
    path("<int:pk>/retake/", views.retake, name="retake"),
    path("<int:pk>/result/", views.result, name="result"),
    path("<int:pk>/result/target/", views.make_target, name="make_target"),
    path("<int:pk>/result/not-for-me/", views.dismiss, name="dismiss"),
    path("<int:pk>/result/restore/", views.restore, name="restore"),
    path("<int:pk>/plan/tick/", views.tick, name="tick"),
    path("<int:pk>/plan.ics", views.plan_calendar, name="plan_calendar"),
    path("<int:pk>/plan/print/", views.plan_print, name="plan_print"),
    path("gaps/<int:application_pk>/", views.posting_gaps, name="posting_gaps"),
]

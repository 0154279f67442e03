from django.urls import path

from . import views

app_name = "interviews"

urlpatterns = [
    path("", views.bank, name="bank"),
    path("<int:pk>/", views.question_detail, name="question"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/notes/", views.note, name="note"),
    path("<int:pk>/bookmark/", views.bookmark, name="bookmark"),
    path("practice/", views.practice, name="practice"),
    path("practice/rate/", views.practice_rate, name="practice_rate"),
    path("practice/end/", views.practice_end, name="practice_end"),
    path("progress/", views.progress, name="progress"),
    path("progress/fresh-cycle/", views.fresh_cycle, name="fresh_cycle"),
]

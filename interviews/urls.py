from django.urls import path

from . import mock_views, own_views, round_views, views

app_name = "interviews"

urlpatterns = [
    path("", views.bank, name="bank"),
    path("<int:pk>/", views.question_detail, name="question"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/timer/", views.question_timer, name="question_timer"),
    path("<int:pk>/notes/", views.note, name="note"),
    path("<int:pk>/bookmark/", views.bookmark, name="bookmark"),
    path("next/", views.next_question, name="next_question"),
    path("practice/", views.practice, name="practice"),
    path("practice/answer/", views.practice_answer, name="practice_answer"),
    path("practice/rate/", views.practice_rate, name="practice_rate"),
    path("practice/end/", views.practice_end, name="practice_end"),
    path("progress/", views.progress, name="progress"),
    path("progress/fresh-cycle/", views.fresh_cycle, name="fresh_cycle"),
]

urlpatterns += [
    path("mock/", mock_views.mock_list, name="mock"),
    path("mock/<int:pk>/", mock_views.mock_detail, name="mock_detail"),
    path("mock/<int:pk>/answer/", mock_views.mock_answer, name="mock_answer"),
    path("mock/<int:pk>/confirm/", mock_views.mock_confirm, name="mock_confirm"),
]

urlpatterns += [
    path("mine/", own_views.own_questions, name="own_questions"),
    path("mine/<int:pk>/delete/", own_views.own_question_delete, name="own_question_delete"),
]

urlpatterns += [
    path("rounds/add/<int:application_pk>/", round_views.add_round, name="add_round"),
    path("rounds/<int:pk>/delete/", round_views.delete_round, name="delete_round"),
    path("rounds/<int:pk>/mock/", round_views.round_mock, name="round_mock"),
]

from django.urls import path

from . import bank_views, mock_views, own_views, practice_views, progress_views, round_views

app_name = "interviews"

urlpatterns = [
    path("", bank_views.bank, name="bank"),
    path("<int:pk>/", bank_views.question_detail, name="question"),
    path("<int:pk>/rate/", bank_views.rate, name="rate"),
    path("<int:pk>/timer/", bank_views.question_timer, name="question_timer"),
    path("<int:pk>/notes/", bank_views.note, name="note"),
    path("<int:pk>/bookmark/", bank_views.bookmark, name="bookmark"),
    path("next/", bank_views.next_question, name="next_question"),
    path("practice/", practice_views.practice, name="practice"),
    path("practice/answer/", practice_views.practice_answer, name="practice_answer"),
    path("practice/rate/", practice_views.practice_rate, name="practice_rate"),
    path("practice/end/", practice_views.practice_end, name="practice_end"),
    path("progress/", progress_views.progress, name="progress"),
    path("progress/fresh-cycle/", progress_views.fresh_cycle, name="fresh_cycle"),
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

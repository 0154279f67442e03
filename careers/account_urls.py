from django.urls import path

from . import account_views

app_name = "accounts"

urlpatterns = [
    path("signup/", account_views.signup, name="signup"),
    path("profile/", account_views.profile, name="profile"),
    path("profile/export/", account_views.export_data, name="export_data"),
    path("delete/", account_views.delete_account, name="delete_account"),
]

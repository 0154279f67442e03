"""Admin for members and their sign-in logs: lists that stay fast with many members, and a
deletion that is the member's own account deletion."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .accounts import erase_account
from .admin_lists import LargeTableAdmin

# Lists that grow with the members (hundreds of thousands of accounts, more sign-ins). Only
# list options change: no date hierarchy (it first asks for every distinct day), estimated
# counts (LargeTableAdmin), and search by the start of an indexed column (on PostgreSQL the
# "_like" index Django adds to indexed text columns answers LIKE 'x%').
User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class MemberAdmin(LargeTableAdmin, UserAdmin):
    """Deleting a member here is their own account deletion: data, login logs and sessions."""

    list_display = ("username", "email", "is_staff", "is_active", "date_joined")
    list_filter = ()
    search_fields = ("username__startswith",)
    sortable_by = ("username",)

    def delete_model(self, request, obj) -> None:
        erase_account(user=obj)

    def delete_queryset(self, request, queryset) -> None:
        for user in queryset:
            erase_account(user=user)


for model, library_admin in (
    (AccessLog, axes_admin.AccessLogAdmin),
    (AccessAttempt, axes_admin.AccessAttemptAdmin),
    (AccessFailureLog, axes_admin.AccessFailureLogAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(
            model,
            type(
                library_admin.__name__,
                (LargeTableAdmin, library_admin),
                {
                    # The library's lists sort, filter and search on unindexed columns.
                    "date_hierarchy": None,
                    "list_filter": (),
                    "search_fields": ("username__startswith",),
                    "ordering": ("-pk",),  # newest first, through the primary key
                    "sortable_by": (),
                },
            ),
        )

"""The admin base for content models: history with values, and no silent overwrites."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from simple_history.admin import SimpleHistoryAdmin

from .history import latest_version

STALE = (
    "{who} saved this on {when}, after you opened it: {changes}. Your changes were not "
    "saved. Reload the page to start from their version."
)


class VersionCheckedForm(forms.ModelForm):
    """Carries the version the editor started from; a save based on an older one is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", latest_version(self.instance))

    def clean(self):
        cleaned = super().clean()
        submitted = cleaned.get("version")
        current = latest_version(self.instance)
        # The admin's own form always sends the version; a script that leaves it out saves
        # as before, without the check.
        if submitted is not None and current is not None and submitted != current:
            record = type(self.instance).history.get(history_id=current)
            previous = record.prev_record
            changes = (
                "; ".join(
                    f"{change.field}: “{change.old}” → “{change.new}”"
                    for change in record.diff_against(previous).changes
                )
                if previous
                else "a new version"
            )
            who = record.history_user or "Someone (or load_guide)"
            when = date_format(record.history_date, "j M Y, H:i")
            raise forms.ValidationError(STALE.format(who=who, when=when, changes=changes))
        return cleaned


class ContentAdmin(SimpleHistoryAdmin):
    """Every content model's admin: a history of values and a refused stale save."""

    form = VersionCheckedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.get("form", self.form)
        if not issubclass(base, VersionCheckedForm):
            kwargs["form"] = type(f"VersionChecked{base.__name__}", (VersionCheckedForm, base), {})
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        name, options = fieldsets[0]
        if "version" not in options["fields"]:
            fieldsets[0] = (name, {**options, "fields": (*options["fields"], "version")})
        return fieldsets

"""assessments migration 0007: the certifications rechecked on 2026-12-01 reach existing rows."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessments.loader import read_data
from assessments.models import Certification, RoleSkill, Skill, TransitionPath
from config.sitewide.models import ContentVersion

migration = importlib.import_module(
    "assessments.migrations.0007_confirm_certifications_from_providers"
)
BEFORE = ("assessments", "0006_keep_users_data")
AFTER = ("assessments", "0007_confirm_certifications_from_providers")
# What the loader leaves in a field the data file does not give.
UNSET = {"retired_on": None, "status_note": "", "official_url": "", "cost_usd": None}
FIELDS = ("status", "retired_on", "status_note", "official_url", "source_url", "checked_on")
FIELDS += ("cost_usd", "successor", "alternative")


def certifications_in_database():
    # Only the columns the migration knows: run at 0007, later columns do not exist yet.
    plain = [field for field in FIELDS if field not in ("successor", "alternative")]
    rows = Certification.objects.values("slug", *plain, "successor__slug", "alternative__slug")
    return {
        row["slug"]: {
            **{field: row[field] for field in plain},
            "retired_on": row["retired_on"] and row["retired_on"].isoformat(),
            "checked_on": row["checked_on"].isoformat(),
            "successor": row["successor__slug"],
            "alternative": row["alternative__slug"],
        }
        for row in rows
    }


def certifications_in_data_file():
    return {
        item["slug"]: {field: item.get(field, UNSET.get(field)) for field in FIELDS}
        for item in read_data("certifications")
    }


def set_rows(side):
    """Every field the migration rechecks, set as it was loaded (0) or as rechecked (1)."""
    ids = dict(Certification.objects.values_list("slug", "pk"))
    for slug, fields in migration.CERTIFICATIONS.items():
        values = {}
        for field, pair in fields.items():
            value = pair[side]
            if field in migration.LINKS:
                field, value = f"{field}_id", ids.get(value) if value else None
            values[field] = value
        Certification.objects.filter(slug=slug).update(**values)


def as_the_migration_says(side=1):
    """The migration's own values, which no longer match today's data files: the files have
    been rechecked since (issue 20), and the migration keeps meaning what it meant."""
    return {
        slug: {
            field: pair[side].isoformat() if isinstance(pair[side], datetime.date) else pair[side]
            for field, pair in fields.items()
        }
        for slug, fields in migration.CERTIFICATIONS.items()
    }


def rows_for(expected):
    rows = certifications_in_database()
    return {
        slug: {field: rows[slug][field] for field in fields} for slug, fields in expected.items()
    }


def skill_order(role):
    links = RoleSkill.objects.filter(role__slug=role).order_by("sort_order", "pk")
    return list(links.values_list("skill__slug", flat=True))


def skill_order_in_data_file(role):
    entry = next(entry for entry in read_data("skills")["roles"] if entry["role"] == role)
    return [link["skill"] for link in entry["skills"]]


def plan_texts():
    # Only the columns the migration knows (later migrations add others).
    deliverable = Skill.objects.values_list("deliverable", flat=True).get(
        slug="ai-product-management"
    )
    project = TransitionPath.objects.values_list("portfolio_project", flat=True).get(
        slug="business-to-ai-product-manager"
    )
    return deliverable, project


def plan_texts_in_data_file():
    skill = next(s for s in read_data("skills")["skills"] if s["slug"] == "ai-product-management")
    path = next(p for p in read_data("paths") if p["slug"] == "business-to-ai-product-manager")
    return skill["deliverable"], path["portfolio_project"]


def load_as_before_the_recheck():
    """The rows as load_guide left them before 2026-12-01's recheck (the migration backwards)."""
    set_rows(0)
    migration.restore_certifications(apps, None)


def test_rows_loaded_before_the_recheck_end_as_the_recheck_said(content):
    load_as_before_the_recheck()
    aws = Certification.objects.get(slug="aws-ml-specialty")
    assert (aws.status, aws.retired_on, aws.successor.slug, aws.alternative) == (
        "retired",
        datetime.date(2026, 3, 31),
        "aws-ml-engineer-associate",
        None,
    )
    assert Certification.objects.get(slug="google-professional-ml-engineer").cost_usd == 200
    assert (
        Certification.objects.get(slug="iapp-aigp").official_url == "https://iapp.org/certify/aigp/"
    )
    assert {c.slug for c in Certification.objects.all() if c.can_be_sat} >= {
        "azure-ai-apps-agents-developer",
        "aws-ai-practitioner",
        "iapp-aigp",
    }
    assert skill_order("ai-product-manager")[:4] == [
        "ai-literacy",
        "sql",
        "statistics",
        "prompt-engineering",
    ]
    assert plan_texts()[0].startswith("A product brief")
    version = ContentVersion.current()

    migration.recheck_certifications(apps, None)

    expected = as_the_migration_says()
    assert rows_for(expected) == expected
    assert skill_order("ai-product-manager") == skill_order_in_data_file("ai-product-manager")
    assert plan_texts() == plan_texts_in_data_file()
    assert ContentVersion.current() > version


def test_it_keeps_what_staff_edited_and_updates_the_rest(content):
    load_as_before_the_recheck()
    Certification.objects.filter(slug="aws-ml-specialty").update(status_note="Staff's note")
    # Staff confirmed this one themselves and gave its address.
    Certification.objects.filter(slug="microsoft-azure-ai-engineer").update(
        status="active", official_url="https://learn.microsoft.com/staff-checked/"
    )
    Certification.objects.filter(slug="openai-api-certification").update(
        alternative=Certification.objects.get(slug="ai-for-everyone")
    )
    Certification.objects.filter(slug="google-professional-ml-engineer").update(cost_usd=250)
    Skill.objects.filter(slug="ai-product-management").update(deliverable="Staff's deliverable")
    TransitionPath.objects.filter(slug="business-to-ai-product-manager").update(
        portfolio_project="Staff's project"
    )
    RoleSkill.objects.filter(role__slug="ai-product-manager", skill__slug="statistics").update(
        sort_order=9
    )
    order = skill_order("ai-product-manager")

    migration.recheck_certifications(apps, None)

    files = as_the_migration_says()
    rows = rows_for(
        {slug: {**fields, "status": 0, "official_url": 0} for slug, fields in files.items()}
    )
    files = {slug: {**rows[slug], **fields} for slug, fields in files.items()}
    assert rows["aws-ml-specialty"] == {**files["aws-ml-specialty"], "status_note": "Staff's note"}
    assert rows["microsoft-azure-ai-engineer"] == {
        **files["microsoft-azure-ai-engineer"],
        "status": "active",
        "official_url": "https://learn.microsoft.com/staff-checked/",
    }
    assert rows["openai-api-certification"] == {
        **files["openai-api-certification"],
        "alternative": "ai-for-everyone",
    }
    assert rows["google-professional-ml-engineer"] == {
        **files["google-professional-ml-engineer"],
        "cost_usd": 250,
    }
    assert rows["iapp-aigp"] == files["iapp-aigp"]
    assert plan_texts() == ("Staff's deliverable", "Staff's project")
    # A role staff reordered keeps their whole order, not a mix of theirs and ours.
    assert skill_order("ai-product-manager") == order


def test_on_a_fresh_database_it_does_nothing_and_the_loader_loads_the_data_files(db):
    migration.recheck_certifications(apps, None)

    assert not Certification.objects.exists()
    assert ContentVersion.current() == 0
    call_command("load_guide", stdout=io.StringIO())
    assert certifications_in_database() == certifications_in_data_file()
    assert skill_order("ai-product-manager") == skill_order_in_data_file("ai-product-manager")
    assert plan_texts() == plan_texts_in_data_file()


def test_it_changes_nothing_on_rows_already_rechecked(content):
    set_rows(1)
    rows = certifications_in_database()
    version = ContentVersion.current()

    migration.recheck_certifications(apps, None)

    assert certifications_in_database() == rows
    assert ContentVersion.current() == version


@pytest.mark.django_db(transaction=True)
def test_it_runs_backwards_and_forwards_as_a_migration(content):
    set_rows(1)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])
        aws = Certification.objects.values("status", "retired_on").get(slug="aws-ml-specialty")
        assert (aws["status"], aws["retired_on"]) == ("retired", datetime.date(2026, 3, 31))

        executor.loader.build_graph()
        executor.migrate([AFTER])
        expected = as_the_migration_says()
        assert rows_for(expected) == expected
        assert plan_texts() == plan_texts_in_data_file()
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

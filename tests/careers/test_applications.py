"""The member's job search: the board, stage history, the funnel, contacts, offers, deletion."""

import datetime

import pytest
from django.urls import reverse

from careers import applications as rules
from careers.models import Application, Contact, StageChange

DAY = datetime.date(2026, 11, 2)


def make(user, company="Acme AI", stage="saved", on=DAY, **fields):
    fields = {"role_title": "ML engineer", "stage": stage, **fields}
    return rules.create_application(user=user, fields={"company": company, **fields}, on=on)


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


def test_it_saves_a_posting_and_its_first_stage(alice_client, alice):
    response = alice_client.post(
        reverse("applications:new"),
        {
            "company": "Acme AI",
            "role_title": "Applied ML engineer",
            "posting_url": "https://jobs.example.com/42",
            "posting_text": "We need Python and SQL.",
            "stage": "applied",
        },
    )
    application = Application.objects.get(user=alice)
    assert response.status_code == 302
    assert response.url == application.get_absolute_url()
    assert application.posting_url == "https://jobs.example.com/42"
    assert list(application.stage_changes.values_list("stage", flat=True)) == ["applied"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("posting_url", "javascript:alert(1)", "starting with http:// or https://"),
        ("posting_url", "ftp://example.com/job", "starting with http:// or https://"),
        ("posting_text", "x" * (rules.MAX_POSTING_CHARS + 1), "at most 20,000 characters"),
        ("next_action_on", "31/02/2026", "Enter a valid date"),
        ("next_action_on", "1066-10-14", "between 2000 and 2100"),
        ("stage", "hired", "Select a valid choice"),
        ("role", "999999", "Select a valid choice"),
        ("company", "", "This field is required"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message(alice_client, alice, field, value, message):
    data = {"company": "Acme", "role_title": "MLE", "stage": "saved", field: value}
    response = alice_client.post(reverse("applications:new"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_it_asks_for_a_title_or_one_of_our_roles(alice_client):
    response = alice_client.post(reverse("applications:new"), {"company": "Acme", "stage": "saved"})
    assert response.status_code == 400
    assert "Give the job title, or choose the closest role." in response.content.decode()


def test_it_shows_the_board_and_the_list_without_javascript(alice_client, alice, bob):
    make(alice, "Acme AI", stage="applied")
    make(alice, "Globex", stage="interviewing")
    make(bob, "Bob's secret employer")
    board = alice_client.get(reverse("applications:board")).content.decode()
    as_list = alice_client.get(reverse("applications:board"), {"view": "list"}).content.decode()
    for page in (board, as_list):
        assert "Acme AI" in page and "Globex" in page
        assert "Bob&#x27;s secret employer" not in page
    assert 'id="stage-interviewing"' in board
    assert '<form method="post" action="/applications/' in board


def test_it_moves_a_card_from_the_board_and_keeps_every_date(alice_client, alice):
    application = make(alice, stage="saved")
    url = reverse("applications:move", args=[application.pk])
    response = alice_client.post(
        url, {"stage": "screening", "changed_on": "2026-11-10", "from": "board"}
    )
    assert response.status_code == 302 and response.url == reverse("applications:board")
    alice_client.post(url, {"stage": "rejected"})
    history = list(application.stage_changes.values_list("stage", "changed_on"))
    assert history[0] == ("saved", DAY)
    assert history[1] == ("screening", datetime.date(2026, 11, 10))
    assert history[2][0] == "rejected"
    application.refresh_from_db()
    assert application.stage == "rejected"


def test_it_refuses_a_stage_change_in_the_future(alice_client, alice):
    application = make(alice)
    response = alice_client.post(
        reverse("applications:move", args=[application.pk]),
        {"stage": "applied", "changed_on": "2999-01-01"},
    )
    assert response.status_code == 400
    assert StageChange.objects.count() == 1


def test_it_answers_another_members_application_with_404(bob_client, alice):
    application = make(alice)
    for name in ("detail", "edit", "delete"):
        assert (
            bob_client.get(reverse(f"applications:{name}", args=[application.pk])).status_code
            == 404
        )
    for name in ("move", "offer_terms", "accept", "add_contact"):
        url = reverse(f"applications:{name}", args=[application.pk])
        assert bob_client.post(url, {"stage": "offer", "name": "x"}).status_code == 404
    assert Application.objects.get().stage == "saved"
    assert not Contact.objects.exists()


def test_it_asks_before_deleting(alice_client, alice):
    application = make(alice)
    url = reverse("applications:delete", args=[application.pk])
    page = alice_client.get(url)
    assert "It cannot be undone." in page.content.decode()
    assert Application.objects.exists()
    alice_client.post(url)
    assert not Application.objects.exists()


def test_it_keeps_contacts_on_the_application(alice_client, alice):
    application = make(alice)
    url = reverse("applications:add_contact", args=[application.pk])
    alice_client.post(url, {"name": "Priya", "role": "Recruiter", "how_met": "PyData meetup"})
    assert alice_client.post(url, {"name": "", "role": "x" * 500}).status_code == 400
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert "Priya, Recruiter — PyData meetup" in page
    contact = Contact.objects.get()
    alice_client.post(reverse("applications:delete_contact", args=[application.pk, contact.pk]))
    assert not Contact.objects.exists()


def test_the_funnel_counts_skipped_stages_and_times_each_stage(alice):
    quick = make(alice, "Quick", stage="applied", on=datetime.date(2026, 10, 1))
    rules.move_application(application=quick, stage="screening", on=datetime.date(2026, 10, 5))
    rules.move_application(application=quick, stage="offer", on=datetime.date(2026, 10, 25))
    slow = make(alice, "Slow", stage="applied", on=datetime.date(2026, 10, 1))
    rules.move_application(application=slow, stage="screening", on=datetime.date(2026, 10, 15))
    rules.move_application(application=slow, stage="rejected", on=datetime.date(2026, 10, 20))
    make(alice, "Ghosted", stage="applied", on=datetime.date(2026, 10, 1))
    make(alice, "Just saved")
    applications = Application.objects.prefetch_related("stage_changes")
    steps = {step.stage: step for step in rules.funnel(applications)}
    assert [steps[s].reached for s in ("applied", "screening", "interviewing", "offer")] == [
        3,
        2,
        1,
        1,
    ]
    assert steps["screening"].rate_percent == 67
    assert steps["interviewing"].rate_percent == 50
    assert steps["applied"].rate_percent is None
    assert steps["applied"].median_days == 9  # 4 and 14 days
    assert steps["screening"].median_days == 12  # 20 and 5 days


def test_moving_to_offer_prefills_the_offer_comparison(alice_client, alice, guide):
    from careers.models import Market

    market = Market.objects.first()
    first = make(alice, "Acme AI", stage="interviewing", market=market)
    second = make(alice, "Globex", stage="offer")
    response = alice_client.post(reverse("applications:move", args=[first.pk]), {"stage": "offer"})
    assert response.url == first.get_absolute_url()
    assert "Save the terms" in alice_client.get(first.get_absolute_url()).content.decode()
    for application, base in ((first, "185000"), (second, "150000")):
        alice_client.post(
            reverse("applications:offer_terms", args=[application.pk]),
            {"offer_base_usd": base, "offer_equity_grant_usd": "40000"},
        )
    bad = alice_client.post(
        reverse("applications:offer_terms", args=[first.pk]), {"offer_base_usd": "-5"}
    )
    assert bad.status_code == 400
    compare = alice_client.get(reverse("applications:compare_offers"))
    assert compare.status_code == 302
    assert "offer-0-base_usd=" in compare.url and "offer-1-base_usd=" in compare.url
    page = alice_client.get(compare.url).content.decode()
    assert 'value="185000"' in page and 'value="Acme AI"' in page
    assert f'value="{market.slug}" selected' in page


def test_accepting_records_the_outcome_and_closes_others_when_asked(alice_client, alice):
    accepted = make(alice, "Acme AI", stage="offer")
    other = make(alice, "Globex", stage="interviewing")
    lost = make(alice, "Initech", stage="rejected")
    response = alice_client.post(
        reverse("applications:accept", args=[accepted.pk]), {"close_others": "on"}
    )
    assert response.status_code == 302
    stages = dict(Application.objects.values_list("company", "stage"))
    assert stages == {"Acme AI": "accepted", "Globex": "withdrawn", "Initech": "rejected"}
    assert other.stage_changes.last().stage == "withdrawn"
    assert lost.stage_changes.count() == 1
    page = alice_client.get(accepted.get_absolute_url(), follow=True).content.decode()
    assert "Accepted" in page


def test_accepting_leaves_others_alone_unless_asked(alice_client, alice):
    accepted = make(alice, "Acme AI", stage="offer")
    make(alice, "Globex", stage="interviewing")
    alice_client.post(reverse("applications:accept", args=[accepted.pk]))
    assert Application.objects.get(company="Globex").stage == "interviewing"


def test_the_board_reads_a_fixed_number_of_queries(
    alice_client, alice, django_assert_max_num_queries
):
    for n in range(40):
        application = make(alice, f"Company {n}", stage="applied")
        rules.move_application(application=application, stage="screening", on=DAY)
    # session, user, messages/applications, stage changes
    with django_assert_max_num_queries(5):
        response = alice_client.get(reverse("applications:board"))
    assert response.content.decode().count("board-card") == 40


def test_it_sends_visitors_to_sign_in(client):
    response = client.get(reverse("applications:board"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_htmx_moves_a_card_in_place_or_opens_the_page_for_the_next_step(alice_client, alice):
    application = make(alice, stage="saved")
    url = reverse("applications:move", args=[application.pk])
    moved = alice_client.post(
        url, {"stage": "applied", "from": "board"}, headers={"HX-Request": "true"}, follow=True
    )
    assert moved.content.decode().lstrip().startswith('<div id="board">')
    offer = alice_client.post(url, {"stage": "offer"}, headers={"HX-Request": "true"})
    assert offer["HX-Redirect"] == application.get_absolute_url()


def test_applications_and_contacts_have_no_admin_pages():
    from django.contrib import admin

    from careers.models import DigestSend

    assert not admin.site.is_registered(Application)
    assert not admin.site.is_registered(Contact)
    # Support sees only whether a digest went out.
    assert admin.site.get_model_admin(DigestSend).list_display == (
        "user",
        "period",
        "status",
        "attempts",
        "sent_at",
    )


def test_it_says_so_when_the_member_keeps_too_many(alice_client, alice, monkeypatch):
    monkeypatch.setattr(rules, "MAX_APPLICATIONS", 1)
    make(alice)
    response = alice_client.post(
        reverse("applications:new"), {"company": "One more", "role_title": "MLE", "stage": "saved"}
    )
    assert response.status_code == 400
    assert "You can keep 1 applications." in response.content.decode()
    assert Application.objects.count() == 1

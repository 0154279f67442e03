"""The issue's five journeys, each as a person takes it in Chromium against the live site.

1. Sign up, fill the profile, take the assessment, leave at step 5, come back, finish, make the
   recommended path's role the target (and the assessment again by keyboard alone).
2. Practise three questions with ratings; the progress page counts them and when they are due.
3. The salary explorer and the offer comparison follow the choices, with and without JavaScript.
4. A content editor changes a role's posting count in admin; the public page shows it at once.
5. Another user's assessment and notes stay out of reach, whatever the URL.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import flows
from tests.e2e.keyboard import focused, tab_to, wait_for_focus
from tests.e2e.live_site import PASSWORD

pytestmark = pytest.mark.e2e

MARKER = "window.__sameDocument"


# -- helpers: the steps people repeat ------------------------------------------------------


def sign_up(page: Page, name: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.locator("#id_username").fill(name)
    page.locator("#id_email").fill(f"{name}@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/accounts/profile/")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def log_in(page: Page, name: str) -> None:
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/accounts/profile/")


def step_label(page: Page):
    return page.locator("#step-progress-label")


def choose_answers(page: Page) -> None:
    """Pick the last (strongest) answer of every question on the step showing."""
    for question in page.locator("#assessment-step fieldset.question").all():
        radios = question.locator("input[type=radio]")
        if radios.count():
            radios.last.check()


def save_step(page: Page, number: int, total: int) -> None:
    """Answer step `number` and wait until the next one is in place."""
    expect(step_label(page)).to_have_text(f"Step {number} of {total}")
    choose_answers(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(step_label(page)).to_have_text(f"Step {number + 1} of {total}")


def step_total(page: Page) -> int:
    return int(re.search(r"of (\d+)", step_label(page).inner_text()).group(1))


def assessment_id_in(url: str) -> int:
    match = flows.STEP_URL.search(url) or re.search(r"/assessment/(\d+)/", url)
    assert match, url
    return int(match.group(1))


# -- 1. sign up → profile → assessment with a break → result → target role -----------------


def test_it_takes_the_assessment_with_a_break_and_makes_the_path_role_the_target(
    open_page, unique_name
):
    name = unique_name("journey")
    page = open_page()
    sign_up(page, name)

    page.get_by_label("Current background").select_option(label="Software developer")
    page.get_by_label("Years of professional experience").fill("6")
    page.get_by_label("Hours a week you can study").fill("12")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Assessment").click()
    page.get_by_role("button", name="Start the assessment").click()
    page.wait_for_url(flows.STEP_URL)
    total = step_total(page)
    assert total == 9  # background, the seven dimensions, the review

    # Step 1 starts from the profile.
    expect(page.get_by_label("Software developer")).to_be_checked()
    expect(page.get_by_label("Hours a week you can study")).to_have_value("12")
    page.get_by_role("group", name="Roles that interest you").get_by_role(
        "checkbox", name="Machine Learning Engineer"
    ).check()
    page.get_by_role("button", name="Save and continue").click()
    for number in range(2, 5):
        save_step(page, number, total)
    expect(step_label(page)).to_have_text(f"Step 5 of {total}")
    assessment_id = assessment_id_in(page.url)

    # A break: log out at step 5, come back, resume where it was left.
    log_out(page)
    log_in(page, name)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Assessment").click()
    expect(page.get_by_role("heading", name="Carry on where you left off")).to_be_visible()
    page.get_by_role("link", name="Resume the assessment").click()
    page.wait_for_url(f"**{flows.step_path(assessment_id, 5)}")
    expect(step_label(page)).to_have_text(f"Step 5 of {total}")
    # The answers given before the break are kept: step 4 shows them.
    page.get_by_role("link", name="Back").click()
    expect(step_label(page)).to_have_text(f"Step 4 of {total}")
    for question in page.locator("#assessment-step fieldset.question").all():
        expect(question.locator("input[type=radio]").last).to_be_checked()
    page.get_by_role("button", name="Save and continue").click()

    for number in range(5, total):
        save_step(page, number, total)
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    expect(page.locator(".review-list").first).to_contain_text("Software developer")
    expect(page.locator(".review-list").first).to_contain_text("Machine Learning Engineer")
    page.get_by_role("button", name="See my result").click()

    page.wait_for_url(f"**{flows.result_path(assessment_id)}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your assessment result")
    recommendation = page.locator("section.recommendation")
    make_target = recommendation.get_by_role("button", name=re.compile(r"^Make .+ my target role$"))
    role = re.fullmatch(r"Make (.+) my target role", make_target.inner_text()).group(1)
    make_target.click()

    expect(page.get_by_text(f"{role} is now your target role.")).to_be_visible()
    expect(recommendation.get_by_text("Your target role", exact=True)).to_be_visible()
    page.locator(".account-name").click()
    page.wait_for_url("**/accounts/profile/")
    selected = page.get_by_label("Target role").locator("option:checked")
    expect(selected).to_have_text(role)
    # The finished assessment shows in the profile's history.
    expect(page.locator(".history-table")).to_be_visible()


def press_until_checked(page: Page, group: str, *, key: str = "ArrowDown") -> None:
    """On a radio group with the focus: Space checks the focused one, `key` moves on and checks."""
    page.keyboard.press("Space")
    page.keyboard.press(key)
    assert page.evaluate(
        "name => document.activeElement.name === name && document.activeElement.checked", group
    ), f"{group}: the focused radio is not checked ({focused(page)})"


def test_it_takes_the_whole_assessment_by_keyboard_alone(open_page, member, live_site):
    page = open_page(user=member)
    page.goto("/assessment/")
    tab_to(page, "form[action='/assessment/start/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(flows.STEP_URL)
    assessment_id = assessment_id_in(page.url)
    total = step_total(page)

    # Step 1: a radio group (arrow keys), a number, a checkbox (Space), then Enter on Save.
    tab_to(page, "input[name=background]", limit=60)
    press_until_checked(page, "background")  # Space on the first, ArrowDown to the second
    tab_to(page, "#id_weekly_study_hours")
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "interested_roles"
    page.keyboard.press("Space")
    tab_to(page, "#assessment-step button[type=submit]", limit=80)
    page.keyboard.press("Enter")

    for number in range(2, total):
        expect(step_label(page)).to_have_text(f"Step {number} of {total}")
        # htmx moved the focus to the new step's heading, so Tab continues from there.
        wait_for_focus(page, "#step-heading")
        groups = page.locator("#assessment-step fieldset.question input[type=radio]")
        names = list(dict.fromkeys(groups.evaluate_all("els => els.map(e => e.name)")))
        for group in names:
            tab_to(page, f"input[name='{group}']")
            press_until_checked(page, group)
        tab_to(page, "#assessment-step button[type=submit]")
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    tab_to(page, "#assessment-step button[type=submit]", limit=60)
    assert focused(page)["text"] == "See my result"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{flows.result_path(assessment_id)}")

    tab_to(page, "section.recommendation .path-actions button[type=submit]", limit=80)
    role = re.fullmatch(r"Make (.+) my target role", focused(page)["text"]).group(1)
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"{role} is now your target role.")).to_be_visible()

    saved = live_site.run_django(
        "from assessments.models import Answer, Assessment\n"
        "from careers.models import Profile\n"
        "a = Assessment.objects.get(pk=data['id'])\n"
        "result = {'complete': a.completed_at is not None, 'background': a.background,\n"
        "  'hours': a.weekly_study_hours, 'answers': Answer.objects.filter(assessment=a).count(),\n"
        "  'roles': a.interested_roles.count(),\n"
        "  'target': Profile.objects.get(user__username=data['name']).target_role.name}",
        id=assessment_id,
        name=member,
    )
    assert saved["complete"] is True
    assert saved["background"] == "developer"  # the second choice, reached with ArrowDown
    assert saved["hours"] == 7
    assert saved["roles"] == 1
    assert saved["answers"] > 0
    assert saved["target"] == role


# -- 2. a practice session of three questions → progress -----------------------------------


def test_it_practises_three_questions_and_the_progress_page_counts_them(
    open_page, member, live_site
):
    page = open_page(user=member)
    page.goto("/interviews/practice/")
    page.get_by_label("Number of questions").fill("3")
    page.get_by_role("button", name="Start practising").click()

    prompts = []
    # Good by click, Again by click, Easy with the key 4.
    for number, (rating, by_key) in enumerate([("3", False), ("1", False), ("4", True)], 1):
        expect(page.locator("#practice-step")).to_have_text(f"Question {number} of 3")
        prompts.append(page.locator("#practice-heading").inner_text())
        expect(page.locator("[data-rating-key]")).to_have_count(0)
        page.get_by_role("button", name="Save my answer and compare").click()
        expect(page.locator(".key-points li").first).to_be_visible()
        if by_key:
            page.keyboard.press(rating)
        else:
            page.locator(f"[data-rating-key='{rating}']").click()

    expect(page.get_by_role("heading", name="Session complete")).to_be_visible()
    summary = page.get_by_role("table", name=re.compile("What you practised"))
    rows = summary.locator("tbody tr")
    expect(rows).to_have_count(3)
    assert [row.locator("th").inner_text() for row in rows.all()] == prompts
    assert [row.locator("td").first.inner_text() for row in rows.all()] == ["Good", "Again", "Easy"]
    shown_due = [row.locator("time").get_attribute("datetime") for row in rows.all()]
    links = [row.locator("th a").get_attribute("href") for row in rows.all()]

    cards = live_site.run_django(
        "from django.utils import timezone\n"
        "from interviews.models import CardState, ReviewLog\n"
        "from interviews.status import start_of_tomorrow\n"
        "cards = CardState.objects.filter(user__username=data['name']).select_related('question')\n"
        "tomorrow = start_of_tomorrow(timezone.now())\n"
        "result = {'due': {c.question.prompt: c.due.isoformat() for c in cards},\n"
        "  'due_today': sum(c.due < tomorrow for c in cards),\n"
        "  'logs': ReviewLog.objects.filter(user__username=data['name']).count()}",
        name=member,
    )
    assert cards["logs"] == 3
    assert [cards["due"][prompt] for prompt in prompts] == shown_due

    page.get_by_role("link", name="See your progress").click()
    page.wait_for_url("**/interviews/progress/")
    categories = page.get_by_role("table", name=re.compile("Questions per category"))
    practised = 0
    for row in categories.locator("tbody tr").all():
        cells = [int(cell.inner_text()) for cell in row.locator("td").all()]
        practised += cells[1] + cells[2]  # learning + mastered
    assert practised == 3
    due_today = page.locator(".progress-stats .card").first.locator(".stat")
    expect(due_today).to_have_text(str(cards["due_today"]))
    assert cards["due_today"] >= 1  # "Again" brings its question back within minutes
    # Today's column of the 30-day chart (its table, behind "Show the figures") counts them.
    chart_table = page.locator("table").filter(has_text=re.compile("rated per day", re.I))
    assert chart_table.locator("tbody tr").last.locator("td").last.text_content().strip() == "3"
    # "Coming back" lists the three questions, each with its due date or "Due now".
    coming_back = page.get_by_role("table", name=re.compile("soonest review first")).locator(
        "tbody tr"
    )
    expect(coming_back).to_have_count(3)
    assert {row.locator("th a").get_attribute("href") for row in coming_back.all()} == set(links)
    for row in coming_back.all():
        when = row.locator("td")
        if when.locator("time").count():
            assert when.locator("time").get_attribute("datetime") in shown_due
        else:
            expect(when).to_have_text("Due now")

    # Each question's own page says when it comes back, with the same date.
    page.goto(links[0])
    expect(page.locator(".next-review time")).to_have_attribute("datetime", shown_due[0])


# -- 3. salaries and offers follow the choices --------------------------------------------


def explorer_heading(page: Page):
    return page.locator("#explorer-result h2")


def test_it_updates_the_salary_explorer_in_place_as_choices_change(site_page):
    page = site_page
    page.goto("/salaries/")
    expect(explorer_heading(page)).to_have_text(re.compile(r"^Machine Learning Engineer, mid"))
    page.evaluate(f"{MARKER} = true")
    rows = page.get_by_role("table", name=re.compile("across markets")).locator("tbody tr")
    all_markets = rows.count()

    page.get_by_label("Role").select_option(label="AI Research Scientist")
    expect(explorer_heading(page)).to_have_text(re.compile(r"^AI Research Scientist, mid"))
    page.get_by_label("Experience level").select_option("senior")
    expect(explorer_heading(page)).to_have_text(re.compile(r"^AI Research Scientist, senior"))
    page.get_by_role("checkbox", name="Miami").uncheck()
    expect(rows).to_have_count(all_markets - 1)
    expect(page.locator("#explorer-result")).not_to_contain_text("Miami")

    assert page.evaluate(MARKER) is True, "the page was reloaded instead of updated in place"
    assert "role=ai-research-scientist" in page.url and "level=senior" in page.url
    # The address is shareable: opening it shows the same result.
    page.reload()
    expect(explorer_heading(page)).to_have_text(re.compile(r"^AI Research Scientist, senior"))
    expect(rows).to_have_count(all_markets - 1)

    # Quick changes one after another: the result follows the last of them.
    page.evaluate(f"{MARKER} = true")
    markets = page.get_by_role("group", name=re.compile("^Markets")).get_by_role("checkbox")
    checked = [box for box in markets.all() if box.is_checked()]
    for box in checked[:-2]:
        box.uncheck()
    expect(rows).to_have_count(2)
    # Too few markets: the message replaces the result, still in place.
    checked[-2].uncheck()
    expect(page.locator("#explorer-result [role=alert]")).to_contain_text("at least two markets")
    expect(rows).to_have_count(0)
    assert page.evaluate(MARKER) is True


def test_it_updates_the_salary_explorer_by_plain_submits_without_javascript(no_js_page):
    page = no_js_page
    page.goto("/salaries/")
    page.get_by_label("Role").select_option(label="AI Research Scientist")
    page.get_by_label("Experience level").select_option("entry")
    page.get_by_role("checkbox", name="Toronto").uncheck()
    page.get_by_role("button", name="Show salaries").click()

    page.wait_for_url(re.compile(r"role=ai-research-scientist"))
    expect(explorer_heading(page)).to_have_text(re.compile(r"^AI Research Scientist, entry"))
    expect(page.locator("#explorer-result")).not_to_contain_text("Toronto")
    expect(page.get_by_role("checkbox", name="Toronto")).not_to_be_checked()


def fill_offer(page: Page, index: int, *, label: str, base: str, market: str, bonus="") -> None:
    offer = page.get_by_role("group", name=re.compile(rf"^Offer {index + 1}"))
    offer.get_by_label("Offer name").fill(label)
    offer.get_by_label("Base salary ($ a year)").fill(base)
    offer.get_by_label("Target bonus ($ a year)").fill(bonus)
    offer.get_by_label("Market").select_option(label=market)


def ranked(page: Page) -> list[str]:
    table = page.get_by_role("table", name=re.compile("Offers ranked"))
    names = table.locator("tbody th").all_inner_texts()
    return [name.replace("Best", "").strip() for name in names]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_it_compares_offers_and_reranks_them_when_an_offer_changes(open_page, javascript):
    page = open_page(javascript=javascript)
    page.goto("/salaries/offers/")
    fill_offer(page, 0, label="Austin start-up", base="$150,000", market="Austin")
    fill_offer(page, 1, label="SF big tech", base="170000", bonus="20000", market="San Francisco")
    page.get_by_role("button", name="Compare offers").click()

    # Austin's lower cost of living puts its smaller offer first.
    expect(page.get_by_role("heading", name="Your offers, best first")).to_be_visible()
    assert ranked(page) == ["Austin start-up", "SF big tech"]
    assert "offer-0-market=austin" in page.url  # a shareable address

    fill_offer(page, 1, label="SF big tech", base="400000", bonus="20000", market="San Francisco")
    page.get_by_role("button", name="Compare offers").click()
    # Each year of the new offer: 400,000 base and 20,000 bonus.
    expect(page.get_by_role("table", name=re.compile("Offers ranked"))).to_contain_text("420,000")
    assert ranked(page) == ["SF big tech", "Austin start-up"]

    # A third offer with a bad amount: the form says so and keeps what was typed.
    fill_offer(page, 2, label="Odd one", base="lots", market="Denver")
    page.get_by_role("button", name="Compare offers").click()
    offer = page.get_by_role("group", name=re.compile(r"^Offer 3"))
    # The message sits beside the field it is about, and in the summary above the form.
    expect(offer.locator(".errorlist")).to_have_text(
        "Enter an amount such as 190000, 190,000 or $190k."
    )
    expect(page.get_by_role("alert")).to_contain_text("Offer 3, base salary")
    expect(offer.get_by_label("Base salary ($ a year)")).to_have_value("lots")


# -- 4. a content editor's change shows on the public page at once -------------------------


def test_it_shows_a_content_editors_posting_count_on_the_public_role_page_at_once(
    open_page, live_site, unique_name
):
    slug = "ai-ethics-specialist"
    editor = unique_name("editor")
    live_site.create_users([editor], staff=True, groups=["Content editors"])
    role_id = live_site.run_django(
        "from careers.models import Role\nresult = Role.objects.get(slug=data['slug']).pk",
        slug=slug,
    )

    visitor = open_page()
    visitor.goto(f"/roles/{slug}/")  # now in the visitors' page cache
    before = visitor.locator(".stat").first.inner_text()
    postings = 43_210 if before != "43,210" else 43_211  # a number the page does not show yet

    admin = open_page(user=editor)
    admin.goto(f"/admin/careers/role/{role_id}/change/")
    admin.get_by_label("Active postings").fill(str(postings))
    # A changed figure names its source and the date it was checked (issue 22).
    admin.get_by_label("Source:", exact=True).fill("Example Job Index")
    admin.get_by_label("Source address").fill("https://example.org/jobs")
    admin.locator("#id_checked_on").fill("2026-11-02")
    admin.locator("input[name=_save]").click()
    expect(admin.locator(".messagelist")).to_contain_text("was changed successfully")

    fresh = open_page()  # signed out, a new context: nothing cached in the browser
    fresh.goto(f"/roles/{slug}/")
    expect(fresh.locator(".stat").first).to_have_text(f"{postings:,}")
    expect(fresh.locator("main")).to_contain_text("(Example Job Index, 2 Nov 2026)")
    visitor.reload()
    expect(visitor.locator(".stat").first).to_have_text(f"{postings:,}")


# -- 5. another user's assessment and notes are out of reach ------------------------------


def test_it_keeps_another_users_assessment_and_notes_out_of_reach(
    open_page, live_site, unique_name, client_for
):
    alice, bob = unique_name("alice"), unique_name("bob")
    live_site.create_users([alice, bob])
    as_alice = client_for(alice)
    finished = flows.start(as_alice)
    result = flows.complete(as_alice, finished)
    unfinished = flows.start(as_alice)
    flows.answer_through(as_alice, unfinished, 2)

    question = live_site.client().get("/interviews/").text
    question_path = re.search(r'href="(/interviews/\d+/)"', question).group(1)
    secret = f"Private draft of Alice {unique_name('note')}: the story about the outage"
    saved = as_alice.post(f"{question_path}notes/", {"body": secret})
    assert saved.status == 302
    assert secret in as_alice.get(question_path).text  # it is there, for her

    bob_page = open_page(user=bob)
    for path in [
        flows.step_path(finished, 1),
        flows.step_path(finished, 5),
        result,
        flows.step_path(unfinished, 1),
        flows.step_path(unfinished, 3),
        f"/assessment/{unfinished}/",
    ]:
        response = bob_page.goto(path)
        assert response.status == 404, f"bob opened alice's {path}: {response.status}"
        expect(bob_page.get_by_role("heading", level=1)).not_to_contain_text("assessment")

    bob_page.goto(question_path)
    expect(bob_page.get_by_role("heading", level=1)).to_be_visible()
    assert secret not in bob_page.content()
    assert "outage" not in bob_page.get_by_role("textbox", name="Your answer").input_value()
    bob_page.goto(question_path + "?show=1")
    assert secret not in bob_page.content()

    # Nor by POST: bob cannot act on her assessment or see her note in his data export.
    as_bob = client_for(bob)
    for path, form in [
        (f"/assessment/{finished}/retake/", {}),
        (f"/assessment/{finished}/result/target/", {"path": "x"}),
        (flows.step_path(unfinished, 2), flows.step_form("", number=2)),
    ]:
        assert as_bob.post(path, form).status == 404, path
    export = as_bob.get("/accounts/profile/export/")
    assert export.status == 200 and secret not in export.text
    assert alice not in export.text

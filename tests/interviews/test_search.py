"""Searching the bank by words, ranked, with aliases, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.html import escape

from interviews.models import Category, SearchAlias
from interviews.search import expand, ranked_ids

URL = reverse("interviews:bank")


@pytest.fixture
def aliases(db):
    SearchAlias.objects.create(term="RAG", means="retrieval-augmented generation")
    SearchAlias.objects.create(term="LLM", means="large language model")
    SearchAlias.objects.create(term="k-NN", means="k-nearest neighbors")


@pytest.fixture
def bank(question_factory):
    q = question_factory
    return {
        "rag_prompt": q(prompt="Design a retrieval-augmented generation system for support."),
        "rag_points": q(
            prompt="How would you ground a chatbot's answers in company documents?",
            key_points="Use RAG: retrieve passages, then generate\nCite sources",
        ),
        "average": q(prompt="Why can an average hide a skewed distribution?"),
        "coverage": q(prompt="What test coverage do you aim for in ML code?"),
        "storage": q(prompt="How do you choose storage for feature data?"),
        "knn": q(prompt="Explain the cost of k-nearest neighbors at query time."),
        "llm": q(prompt="How do you evaluate a large language model's answers?"),
    }


def test_it_expands_an_alias_both_ways(aliases):
    assert expand("RAG pipelines") == ["RAG pipelines", "retrieval-augmented generation"]
    assert expand("retrieval-augmented generation") == ["retrieval-augmented generation", "RAG"]
    assert expand("average") == ["average"]


def test_rag_finds_the_rag_questions_first_and_no_substring_noise(aliases, bank):
    found = ranked_ids("RAG")

    assert set(found) == {bank["rag_prompt"].pk, bank["rag_points"].pk}
    assert found[0] == bank["rag_prompt"].pk  # named in the prompt outranks a key point


@pytest.mark.parametrize(
    ("text", "key"),
    [("LLM", "llm"), ("large language models", "llm"), ("k-NN", "knn"), ("kNN", None)],
)
def test_it_finds_by_alias_and_plural(aliases, bank, text, key):
    found = ranked_ids(text)

    assert found == ([bank[key].pk] if key else [])


def test_the_bank_lists_the_best_match_first(client, aliases, bank):
    content = client.get(URL, {"q": "rag"}).content.decode()

    assert bank["average"].prompt not in content
    assert bank["storage"].prompt not in content
    first, second = (escape(bank[key].prompt) for key in ("rag_prompt", "rag_points"))
    assert content.index(first) < content.index(second)


def test_no_results_suggest_close_terms_and_categories(client, aliases, bank):
    content = client.get(URL, {"q": "retreival"}).content.decode()

    assert "No questions match" in content
    assert "retrieval" in content.split("No questions match")[1]


def test_no_results_for_an_unknown_word_offer_the_categories(client, bank, db):
    content = client.get(URL, {"q": "kubernetes"}).content.decode()

    assert "No questions match" in content
    assert f"?category={Category.SYSTEM_DESIGN.value}" in content


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index exists on PostgreSQL")
def test_postgres_searches_with_the_full_text_index(aliases, bank):
    from interviews.models import Question
    from interviews.search import SEARCH_VECTOR

    # With both plain scans off, only a bitmap scan is left, and that needs an index whose
    # condition matches the query: the planner's statistics cannot pick the primary key.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
    plan = Question.objects.annotate(search=SEARCH_VECTOR).filter(search="rag").explain()
    assert "question_search" in plan


def test_a_new_alias_finds_at_once(alice_client, aliases, bank):
    assert "large language model" not in alice_client.get(URL, {"q": "GenAI"}).content.decode()

    SearchAlias.objects.create(term="GenAI", means="large language model")

    assert "large language model" in alice_client.get(URL, {"q": "GenAI"}).content.decode()


def test_a_signed_in_search_reads_the_aliases_once_per_content_version(
    alice_client, aliases, bank, django_assert_max_num_queries
):
    alice_client.get(URL, {"q": "RAG"})

    # Session, user, content version, the user's cards and shelf, and the ranking itself.
    with django_assert_max_num_queries(6):
        response = alice_client.get(URL, {"q": "LLM"})
    assert escape(bank["llm"].prompt) in response.content.decode()

"""The site's one matcher: stems, joined words, typos, and the text's own words as proof."""

from config.sitewide.matching import content_words, find_phrases, word_count, words_of


def test_it_stems_and_lower_cases():
    assert words_of("Clusters clustering") == ["cluster", "cluster"]


def test_it_keeps_joined_words_and_yields_their_parts():
    assert words_of("k-NN") == ["k-nn", "k", "nn"]
    assert words_of("A/B") == ["a-b", "a", "b"]
    assert words_of("retrieval-augmented")[1:] == ["retriev", "augment"]


def test_it_meets_british_and_american_spellings():
    assert words_of("normalised") == words_of("normalized")
    assert find_phrases("the nearest neighbors", ["nearest neighbours"])


def test_it_finds_a_phrase_written_with_or_without_joining_marks():
    text = "We tried kNN, then k-NN again, then k nearest neighbours."
    found = find_phrases(text, ["k-NN", "k-nearest neighbors", "RAG"])
    assert found == {
        "k-NN": ["kNN", "k-NN"],
        "k-nearest neighbors": ["k nearest neighbours"],
    }


def test_it_forgives_a_slip_in_a_long_word_but_not_a_short_one():
    assert find_phrases("Retreival augmented generaton", ["retrieval-augmented generation"])
    assert find_phrases("we run on kubernets", ["kubernetes"]) == {"kubernetes": ["kubernets"]}
    assert find_phrases("cash and bag", ["cache", "rag"]) == {}


def test_it_finds_the_words_of_a_phrase_close_together_in_any_order():
    text = "each point is moved to whichever centroid is nearest"
    assert find_phrases(text, ["nearest centroid"]) == {"nearest centroid": ["centroid is nearest"]}
    far = "the nearest shop sells bread, milk, butter, eggs and one centroid"
    assert find_phrases(far, ["nearest centroid"]) == {}


def test_filler_words_do_not_count_unless_the_phrase_is_nothing_else():
    assert find_phrases("mean of points", ["the mean of the points"])
    assert find_phrases("not this one", ["the"]) == {}


def test_a_phrase_has_as_many_words_as_the_matcher_reads():
    """The self-check's "three words of any kind" counts the matcher's words: one
    tokenizer for the site, so "k-NN" is one word there as in every match."""
    assert word_count("k-NN on A/B tests") == 4
    assert word_count("how far off") == 3
    assert word_count("k-NN") == len(content_words("k-NN")) == 1

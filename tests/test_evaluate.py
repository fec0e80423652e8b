"""The scorer's rules on hand-made rows, and the targets on the development gold."""

from __future__ import annotations


from kg.evaluate import jaccard, normalise_period, score_events, score_observations, score_officials, score_programmes


def obs(value, speaker=None, **kw):
    row = {"doc": "d", "indicator": "new_urban_jobs", "measure": "level", "period": "2023", "value": value, "unit": "person"}
    return {**row, **kw, **({"speaker": speaker} if speaker else {})}


def test_observation_value_tolerance_and_one_to_one():
    gold = [obs(12440000, "Chen Feng"), obs(5.1, indicator="urban_surveyed_unemployment_rate", period="2023-12")]
    pred = [obs(12440000 * 1.004, "Chen Feng"), obs(12440000 * 1.004, "Chen Feng"), obs(5.2, indicator="urban_surveyed_unemployment_rate", period="2023-12")]
    s = score_observations(pred, gold, {"new_urban_jobs", "urban_surveyed_unemployment_rate"})
    assert (s.true_pos, s.n_pred, s.n_gold) == (1, 2, 2)  # the duplicate counts once; 5.2 is 2% off
    assert s.extra["attribution accuracy"] == 1.0


def test_observation_precision_ignores_uncatalogued_and_quarters_are_normalised():
    gold = [obs(2970000, period="2023-01/2023-03")]
    pred = [obs(2970000, period="2023-Q1"), obs(7, indicator="mystery")]
    s = score_observations(pred, gold, {"new_urban_jobs"})
    assert (s.precision, s.recall) == (1.0, 1.0)
    assert normalise_period("2024Q4") == "2024-10/2024-12"


def test_attribution_is_right_when_any_speaker_of_a_repeated_figure_matches():
    gold = [obs(100, "Li Zhong"), obs(200, indicator="job_postings", unit="count")]
    pred = [obs(100, "Wang Xiaoping"), obs(100, "Li Zhong"), obs(200, "Li Zhong", indicator="job_postings", unit="count")]
    s = score_observations(pred, gold, {"new_urban_jobs", "job_postings"})
    assert s.true_pos == 2 and s.extra["attribution accuracy"] == 0.5
    assert s.wrong_speaker[0]["indicator"] == "job_postings"


def test_officials_by_normalised_pinyin_and_lower_case_role():
    gold = [{"doc": "d", "name": "Lu Aihong", "role": "spokesperson"}, {"doc": "d", "name": "Lu Aihong", "role": "director general"}]
    pred = [{"doc": "d", "name": "LU Ai-hong", "role": "Spokesperson"}]
    persons, roles = score_officials(pred, gold)
    assert persons.f1 == 1.0
    assert (roles.precision, roles.recall) == (1.0, 0.5)


def test_events_speaker_sets_and_accuracies():
    gold = [{"doc": "d", "date": "2024-09-24", "organizer": "State Council Information Office", "speakers": ["Li Zhong", "Song Xin"], "moderator": "Shou Xiaoli"}]
    pred = [{"doc": "d", "date": "2024-09-24", "organizer": "State Council Information Office", "speakers": "Li Zhong; Shou Xiaoli", "moderator": "Shou Xiaoli"}]
    s = score_events(pred, gold)
    assert (s.true_pos, s.n_pred, s.n_gold) == (1, 2, 2)
    assert s.extra["date accuracy"] == s.extra["moderator accuracy"] == 1.0


def test_programmes_match_by_catalogue_jaccard_or_chinese_name():
    catalogue = {"private pension system": "private_pension", "personal pension system": "private_pension"}
    gold = [{"doc": "d", "name": "private pension system"}, {"doc": "d", "name": "Spring Breeze Action"},
            {"doc": "d", "name": "x", "name_zh": "春风行动"}, {"doc": "d", "name": "winter campaign"}]
    pred = [{"doc": "d", "name": "personal pension system"}, {"doc": "d", "name": "the Spring Breeze Action campaign"},
            {"doc": "d", "name": "y", "name_zh": "春风行动"}, {"doc": "e", "name": "winter campaign"}]
    s = score_programmes(pred, gold, lambda n: catalogue.get(n.lower()))
    assert (s.true_pos, s.n_pred, s.n_gold) == (3, 4, 4)
    assert jaccard("Spring Breeze Action", "the Spring Breeze Action campaign") == 0.6


def test_development_gold_targets(corpus_store, gold):
    """The targets of the observation, officials/events and programme issues, on ../shared/gold."""
    from kg.eval_store import evaluate

    scores = {s.name: s for s in evaluate(corpus_store.open(), gold)}
    assert scores["observations"].f1 >= 0.95
    assert scores["observations"].extra["attribution accuracy"] >= 0.95
    assert scores["persons"].f1 >= 0.95
    assert scores["person roles"].f1 >= 0.9
    assert scores["event speakers"].extra["date accuracy"] == 1.0
    assert scores["programmes"].recall >= 0.75 and scores["programmes"].precision >= 0.7

from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=None, hidden=False)
def test_q2_form(k_resolved_ids, k_never_scoreable_ids, p_beats_coin_flip_ids):
    from natodebate import models
    ids = set(models.forecasts.propositions()['claim_id'])
    answers = {'k_resolved_ids': (k_resolved_ids, 'K'), 'k_never_scoreable_ids': (k_never_scoreable_ids, 'K'), 'p_beats_coin_flip_ids': (p_beats_coin_flip_ids, 'P')}
    for name, (answer, article) in answers.items():
        assert isinstance(answer, list), f'{name} should be a list of claim ids'
        assert all((item in ids and item.startswith(article) for item in answer)), f'{name}: every entry should be a claim id of article {article} in forecast_propositions.csv'
        assert answer == sorted(set(answer)), f'{name} should be sorted, each id once'


from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=None, hidden=False)
def test_q2_form(k_wrongly_dropped, p_wrongly_dropped):
    from natodebate import models
    ids = list(models.hypotheses.evidence().index)
    for name, answer in (('k_wrongly_dropped', k_wrongly_dropped), ('p_wrongly_dropped', p_wrongly_dropped)):
        assert isinstance(answer, list), f'{name} should be a list of evidence ids'
        assert all((item in ids for item in answer)), f'{name}: every entry should be an evidence id, one of {ids}'
        assert answer == sorted(set(answer)), f'{name} should be sorted, each id once'


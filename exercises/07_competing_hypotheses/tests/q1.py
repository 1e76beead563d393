from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=None, hidden=False)
def test_q1_shape(k_osach_scores, p_osach_scores):
    import pandas as pd
    for name, answer in (('k_osach_scores', k_osach_scores), ('p_osach_scores', p_osach_scores)):
        assert isinstance(answer, pd.Series), f'{name} should be a pandas Series, as ach.scores returns it'
        assert list(answer.index) == ['H1', 'H2', 'H3', 'H4'], f'{name} should be indexed by the hypotheses H1-H4'
        assert (answer >= 0).all(), f'{name}: Open Source ACH scores count inconsistency, so none is negative'


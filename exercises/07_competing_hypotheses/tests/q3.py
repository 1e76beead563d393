from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=None, hidden=False)
def test_q3_shape(k_bayes_without_d3, p_bayes_without_d3):
    import pandas as pd
    for name, answer in (('k_bayes_without_d3', k_bayes_without_d3), ('p_bayes_without_d3', p_bayes_without_d3)):
        assert isinstance(answer, pd.Series), f'{name} should be a pandas Series, as ach.scores returns it'
        assert list(answer.index) == ['H1', 'H2', 'H3', 'H4'], f'{name} should be indexed by the hypotheses H1-H4'
        assert abs(answer.sum() - 1) < 1e-09, f'{name}: naive-Bayes posteriors sum to 1'


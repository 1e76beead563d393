from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=None, hidden=False)
def test_q3_types(k_war_with_p_p_i, p_war_with_k_p_i, verdict_deciding_input):
    from natodebate import models
    k, p = (models.bargaining.panel_arguments('K'), models.bargaining.panel_arguments('P'))
    assert isinstance(k_war_with_p_p_i, bool), 'k_war_with_p_p_i should be a bool, as optimism_war returns for numbers'
    assert isinstance(p_war_with_k_p_i, bool), 'p_war_with_k_p_i should be a bool, as optimism_war returns for numbers'
    differing = sorted((name for name in k if k[name] != p[name]))
    assert verdict_deciding_input in differing, f'verdict_deciding_input should name one of the inputs on which the readers differ: {differing}'


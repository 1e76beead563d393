from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=None, hidden=False)
def test_q4_form(kagan_conclusion_inputs, petrovics_conclusion_inputs):
    from natodebate import models
    bargain = models.bargaining
    held = ('p_intervention', 'cost_increase', 'q', 'q_threat')
    for name, answer, reader in (('kagan_conclusion_inputs', kagan_conclusion_inputs, 'P'), ('petrovics_conclusion_inputs', petrovics_conclusion_inputs, 'K')):
        fixed = bargain.panel_arguments(reader)
        assert isinstance(answer, dict), f'{name} should be a dict like p_args'
        assert set(answer) == set(fixed), f'{name} should have exactly the keys of p_args: {sorted(fixed)}'
        kept = [key for key in held if answer[key] != fixed[key]]
        assert not kept, f"{name}: {kept} must stay the {reader} reader's values"


from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=None, hidden=False)
def test_q4_form(h1_alone_changes, h3_alone_changes):
    from natodebate import models
    ach = models.hypotheses
    neutral = ach.matrix('neutral')
    for name, answer in (('h1_alone_changes', h1_alone_changes), ('h3_alone_changes', h3_alone_changes)):
        assert isinstance(answer, dict), f'{name} should be a dict {{(evidence id, hypothesis): rating}}'
        assert 1 <= len(answer) <= 2, f'{name}: change one or two cells'
        for cell, rating in answer.items():
            assert isinstance(cell, tuple) and len(cell) == 2, f"{name}: each key should be a pair such as ('D1', 'H2')"
            assert cell[0] in neutral.index and cell[1] in neutral.columns, f'{name}: {cell} is not a cell of the matrix'
            assert rating in ('CC', 'C', 'N', 'I', 'II'), f'{name}: {rating!r} is not one of CC, C, N, I, II'


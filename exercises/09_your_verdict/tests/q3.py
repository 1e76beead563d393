from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=None, hidden=False)
def test_q3_form(decision_nearer_counts, ladder_nearer_counts, lesson06_neutral_verdicts):
    for name, answer in (('decision_nearer_counts', decision_nearer_counts), ('ladder_nearer_counts', ladder_nearer_counts)):
        assert isinstance(answer, dict) and set(answer) == {'K', 'P', 'between'}, f'{name} should be a dict with exactly the keys K, P and between'
        assert all((isinstance(n, int) and n >= 0 for n in answer.values())), f'{name}: the counts are whole numbers (int), 0 where there are none'
    assert isinstance(lesson06_neutral_verdicts, dict) and set(lesson06_neutral_verdicts) == {'decision', 'ladder'}, 'lesson06_neutral_verdicts should be a dict with the keys decision and ladder'
    assert set(lesson06_neutral_verdicts.values()) <= {'K', 'P', 'neither'}, 'each verdict is K, P or neither'


from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=None, hidden=False)
def test_q2_form(k_reader_fragile_questions, p_reader_fragile_questions):
    from natodebate import models
    for name, answer in (('k_reader_fragile_questions', k_reader_fragile_questions), ('p_reader_fragile_questions', p_reader_fragile_questions)):
        assert isinstance(answer, list) and all((isinstance(q, str) for q in answer)), f'{name} should be a list of question ids (strings), e.g. list(...unique())'
        assert set(answer) <= set(models.verdict.QUESTIONS), f'{name}: use the ids in the column question, the keys of models.verdict.QUESTIONS'
        assert len(set(answer)) == len(answer), f'{name}: list each question once, however many assumptions flip it'


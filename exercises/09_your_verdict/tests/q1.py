from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=None, hidden=False)
def test_q1_form(neutral_k_questions, neutral_p_questions):
    from natodebate import models
    for name, answer in (('neutral_k_questions', neutral_k_questions), ('neutral_p_questions', neutral_p_questions)):
        assert isinstance(answer, list) and all((isinstance(q, str) for q in answer)), f'{name} should be a list of question ids (strings)'
        assert set(answer) <= set(models.verdict.QUESTIONS), f"{name}: use the ids of the verdicts table's index, the keys of models.verdict.QUESTIONS"
        assert len(set(answer)) == len(answer), f'{name}: list each question once'
    assert not set(neutral_k_questions) & set(neutral_p_questions), 'a question sides with one reader at most'


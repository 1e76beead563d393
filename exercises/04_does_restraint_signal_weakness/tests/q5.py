from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 1

@test_case(points=None, hidden=False)
def test_q5_type(neutral_restraints_a075):
    assert neutral_restraints_a075 is None or (isinstance(neutral_restraints_a075, int) and neutral_restraints_a075 >= 0), 'neutral_restraints_a075 should be a whole number of restraints (int), or None'


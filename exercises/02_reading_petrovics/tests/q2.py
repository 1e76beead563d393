from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=None, hidden=False)
def test_q2_shape(p_claim_types):
    from natodebate import models
    assert isinstance(p_claim_types, dict), 'p_claim_types should be a dict from claim id to claim type'
    assert sorted(p_claim_types) == ['P01', 'P03', 'P09', 'P32'], 'the keys should be exactly the four claim ids P01, P09, P32, P03'
    assert all((kind in models.CLAIM_TYPES for kind in p_claim_types.values())), 'spell each type as in models.CLAIM_TYPES'


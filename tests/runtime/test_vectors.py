"""4D.Vector (API/VectorClass.md)."""

from __future__ import annotations

import math

import pytest

from fourd.runtime.errors import FourDError

MAKE = "var $vector := 4D.Vector.new([0.123; -0.456; 0.789])\nvar $another := 4D.Vector.new([0.598; -0.951; 0.789])\n"


def test_the_three_measures_of_the_documented_vectors(run):
    a, b = [0.123, -0.456, 0.789], [0.598, -0.951, 0.789]
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    assert run(MAKE + "return $vector.dotSimilarity($another)") == pytest.approx(dot)
    assert run(MAKE + "return $vector.cosineSimilarity($another)") == pytest.approx(dot / norm)
    assert run(MAKE + "return $vector.euclideanDistance($another)") == pytest.approx(math.dist(a, b))
    assert run(MAKE + "return $vector.cosineSimilarity($vector)") == pytest.approx(1.0)


def test_components_length_and_collection(run):
    assert run(MAKE + "return $vector[0]") == pytest.approx(0.123)
    assert run(MAKE + "return $vector.length") == 3
    assert run(MAKE + "return $vector.toCollection()").items == pytest.approx([0.123, -0.456, 0.789])
    assert run(MAKE + "return OB Instance of($vector;4D.Vector)") is True


def test_vectors_are_immutable_shared_and_checked(run):
    with pytest.raises(FourDError):
        run(MAKE + "$vector.length:=4")
    assert run(MAKE + "$s:=New shared object\nUse ($s)\n$s.v:=$vector\nEnd use\nreturn $s.v.length") == 3
    with pytest.raises(FourDError) as info:
        run(MAKE + "return $vector.dotSimilarity(4D.Vector.new([1; 2]))")
    assert "same size" in info.value.message
    with pytest.raises(FourDError):
        run('return 4D.Vector.new(["a"])')

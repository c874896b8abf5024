"""The output's fields for converted and recognised inputs: present only when there is something to say."""

from __future__ import annotations

from dataclasses import replace

from conftest import SEED
from foiparse import parse
from foiparse.grounding import check_grounding
from foiparse.model import OcrLine
from foiparse.schema import validate
from foiparse.serialize import from_dict, loads, to_dict, to_json


def test_a_document_read_directly_has_no_converter_and_no_ocr_lines() -> None:
    out = to_dict(parse(SEED))
    assert "converter" not in out["source"] and "ocr_lines" not in out


def test_converter_and_ocr_lines_round_trip_and_validate() -> None:
    response = parse(SEED)
    line = OcrLine(span=(0, 31), page=1, box=(72.0, 60.5, 300.25, 74.0), confidence=0.93)
    recognised = replace(response, source=replace(response.source, converter="tesseract"), ocr_lines=(line,))
    data = loads(to_json(recognised))
    assert data["source"]["converter"] == "tesseract"
    assert data["ocr_lines"] == [{"span": [0, 31], "page": 1, "box": [72.0, 60.5, 300.25, 74.0], "confidence": 0.93}]
    validate(data)
    back = from_dict(data)
    assert back == recognised
    check_grounding(back)

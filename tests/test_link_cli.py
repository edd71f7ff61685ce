"""`borderie link` and `borderie places search` from the command line."""

import json

from borderie.cli.main import main


def test_link_json(capsys):
    assert main(["link", "Nâm Pô", "--context", "Le district de Nâm Pô, province de Diên Biên", "--date", "2024-03-01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["id"] == "vn:d:103@63" and out["name"] == "Nậm Pồ" and out["country"] == "VN"
    assert out["level"] == "district" and 0 < out["score"] <= 1


def test_link_json_null(capsys):
    assert main(["link", "Atlantis", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "null"


def test_places_search(capsys):
    assert main(["places", "search", "phong sa ly", "--limit", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("la:p:PH\tPhongsaly\tLA\tprovince")


def test_bad_date_is_a_clean_error(capsys):
    assert main(["link", "Lao Cai", "--date", "2024-13-45"]) == 2  # usage error
    assert "E113" in capsys.readouterr().err

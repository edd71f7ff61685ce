import pytest

from borderie import split_sentences


def texts(text):
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start:s.end] == s.text
    return [s.text for s in sentences]


def seed(gold_docs, doc_id):
    return next(d for d in gold_docs if d.id == doc_id).text


def test_seed_000_one_sentence_per_line(gold_docs):
    out = texts(seed(gold_docs, "seed-000"))
    assert len(out) == 13
    assert out[0].startswith("Le district de Nâm Pô") and out[0].endswith("de la province laotienne de Phong Sa Ly.")
    assert "119,7 km" in out[0]  # decimal comma does not cut
    assert out[4] == "Il organise régulièrement des visites et des entretiens."


def test_seed_001_missing_space_after_full_stop(gold_docs):
    out = texts(seed(gold_docs, "seed-001"))
    assert out[0] == "Nghê An partage une frontière de 468, 281 km avec ces 3 provinces laotiennes."
    assert out[1].startswith("Les habitants des deux côtés de la frontière")
    assert out[4].startswith("Le 18 août 2013, dans la ville de Vinh")


def test_seed_002_title_dateline_byline(gold_docs):
    out = texts(seed(gold_docs, "seed-002"))
    assert out[0] == "Điện Biên and Lao districts sign 2025 border security agreement"
    assert out[1].startswith("ĐBP – Police from Điện Biên District") and out[1].endswith("along their shared border.")
    assert out[2] == "The agreement was made during talks held in Điện Biên District on October 15."
    assert out[3] == "Delegates from the police forces of both districts at the talks."  # photo caption
    assert out[-1] == "Thành Đạt"  # byline


def test_seed_003_captions_on_their_own_lines(gold_docs):
    out = texts(seed(gold_docs, "seed-003"))
    assert out[1] == ("ĐBP – Leaders of Điện Biên Province and three northern provinces of Laos, including Phongsaly, "
                      "Oudomxay, and Luang Prabang held talks on Wednesday (December 25).")
    assert out.count("Photo: Trần Dũng") == 4


def test_seed_004_ellipsis_numeric_date_and_etc(gold_docs):
    out = texts(seed(gold_docs, "seed-004"))
    assert out[0] == "Developing border diplomacy"
    assert out[1].endswith("adjacent to three districts of Yunnan province (China).")
    assert "Báo Nhân dânBáo Nhân dân09/05/2025" in out  # credit line with a day-first date stays whole
    i = next(i for i, s in enumerate(out) if s.endswith("in accordance with their functions and tasks..."))
    assert out[i + 1].startswith("Lieutenant Colonel Vu Tran Minh Dat")
    assert any(s.endswith("joint patrols, etc.") for s in out)
    assert any("18.6 km" in s for s in out)


@pytest.mark.parametrize("text, expected", [
    ("Le Lt-Col. Nguyen Van An a reçu M. Bounmy. Ils ont parlé.",
     ["Le Lt-Col. Nguyen Van An a reçu M. Bounmy.", "Ils ont parlé."]),
    ("Dr. Tran met Mr. Phan on 09/05/2025. The talks went well.",
     ["Dr. Tran met Mr. Phan on 09/05/2025.", "The talks went well."]),
    ("La borne N° 87 a été réparée. Elle mesure 1.258 m. Fin.",
     ["La borne N° 87 a été réparée.", "Elle mesure 1.258 m.", "Fin."]),
    ("Marker No. 87 was repaired by Col. Vu. It stands on the ridge.",
     ["Marker No. 87 was repaired by Col. Vu.", "It stands on the ridge."]),
    ("« Nous coopérons », a-t-il dit. « C'est vrai. » Puis il est parti.",
     ["« Nous coopérons », a-t-il dit.", "« C'est vrai. »", "Puis il est parti."]),
    ("He said: \"We agree.\" Then they signed the MoU.",
     ["He said: \"We agree.\"", "Then they signed the MoU."]),
    ("Photo: VNA\nThe delegations met in Vientiane.\n\n  Related news\n  • Border gate opens",
     ["Photo: VNA", "The delegations met in Vientiane.", "Related news", "• Border gate opens"]),
    ("The border is 2,067 km long. It has 1,002 markers.", ["The border is 2,067 km long.", "It has 1,002 markers."]),
    ("Visit vietnamplus.vn for more. Done.", ["Visit vietnamplus.vn for more.", "Done."]),
    ("Les deux provinces ont signé.Les habitants sont contents.",
     ["Les deux provinces ont signé.", "Les habitants sont contents."]),
    ("Is it true? Yes! It is…", ["Is it true?", "Yes!", "It is…"]),
    ("", []),
    ("   \n\n", []),
])
def test_edge_cases(text, expected):
    assert texts(text) == expected


def test_windows_line_endings():
    assert texts("One.\r\nTwo.") == ["One.", "Two."]

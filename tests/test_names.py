"""Name grammar: pinyin from characters, canonical spelling, person keys, name boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.text.names import (
    COMPOUND_SURNAMES, PINYIN_SURNAMES, SURNAMES, hanzi_name_at, hanzi_to_pinyin, is_chinese_name, normalize_name,
    person_key, resolve, strip_honorific,
)


@pytest.mark.parametrize("hanzi, pinyin", [
    ("卢爱红", "Lu Aihong"), ("李忠", "Li Zhong"), ("陈勇嘉", "Chen Yongjia"), ("王晓萍", "Wang Xiaoping"),
    ("单霁翔", "Shan Jixiang"), ("曾培炎", "Zeng Peiyan"), ("解振华", "Xie Zhenhua"), ("仇和", "Qiu He"),
    ("吕忠梅", "Lyu Zhongmei"), ("欧阳明高", "Ouyang Minggao"), ("盧愛紅", "Lu Aihong"), ("壽小麗", "Shou Xiaoli"),
])
def test_pinyin_of_a_name_uses_family_name_readings(hanzi, pinyin):
    assert hanzi_to_pinyin(hanzi) == pinyin


@pytest.mark.parametrize("spelling", ["Li Zhong", "LI Zhong", "Mr. Li Zhong", "Mr Li Zhong", "李忠", "李 忠", "li zhong", "Li  Zhong "])
def test_every_spelling_of_one_person_has_one_key(spelling):
    assert person_key(spelling) == "li-zhong"


def test_cross_lingual_identity_in_both_scripts():
    assert person_key("Lu Aihong") == person_key("卢爱红") == person_key("盧愛紅") == person_key("Ms. LU Aihong")
    assert person_key("Wang Xiao-ping") == person_key("Wang Xiaoping") == person_key("王晓萍")
    assert person_key("Lü Zhongmei") == person_key("Lv Zhongmei") == person_key("吕忠梅") == "lyu-zhongmei"


def test_people_sharing_a_family_name_keep_apart():
    assert person_key("Li Zhong") != person_key("Li Jin") != person_key("Li Qiang")
    assert person_key("卢爱红") != person_key("吕爱红")  # Lu and Lyu are different family names


def test_family_name_alone_resolves_only_when_unambiguous():
    assert resolve("Mr. Li", ["Li Zhong", "Yu Jiadong"]) == "Li Zhong"
    assert resolve("Mr. Li", ["Li Zhong", "Li Jin"]) is None
    assert resolve("李忠", ["Li Zhong", "Li Jin"]) == "Li Zhong"
    assert resolve("Mr. Wang", ["Li Zhong"]) is None


def test_normalized_spelling_and_honorifics():
    assert normalize_name("LI Zhong") == "Li Zhong"
    assert normalize_name("Ms. Shou Xiaoli") == "Shou Xiaoli"
    assert normalize_name("Wang Xiao Ping") == "Wang Xiaoping"
    assert strip_honorific("卢爱红女士") == "卢爱红"
    assert strip_honorific("Comrade Xi Jinping") == "Xi Jinping"


@pytest.mark.parametrize("text, chinese", [
    ("Li Zhong", True), ("Shou Xiaoli", True), ("Ouyang Minggao", True), ("LI Zhong", True),
    ("Policy Research", False), ("China Daily", False), ("Hong Kong", False), ("David Ball", False),
    ("Cover News", False), ("Zhu Bochen Zhou", False), ("Nanfang Daily", False),
])
def test_telling_a_pinyin_name_from_other_capitalised_words(text, chinese):
    assert is_chinese_name(text) is chinese


@pytest.mark.parametrize("text, name", [
    ("卢爱红介绍，", "卢爱红"), ("王萍说，", "王萍"), ("王萍在发布会上", "王萍"), ("王志和介绍", "王志和"),
    ("王萍和李忠", "王萍"), ("崔鹏表示", "崔鹏"), ("陈勇嘉：", "陈勇嘉"), ("李强强调", "李强"), ("欧阳明高说", "欧阳明高"),
    ("宋鑫", "宋鑫"), ("人社部", None), ("就业促进司", None),
])
def test_where_a_chinese_name_ends(text, name):
    assert hanzi_name_at(text, 0) == name


def test_pinyin_surname_table_matches_the_character_table():
    for family in list(SURNAMES) + list(COMPOUND_SURNAMES):
        assert hanzi_to_pinyin(family + "明").split()[0].lower() in PINYIN_SURNAMES, family


_GIVEN = st.text(alphabet="明华建国伟芳秀英军平刚杰涛斌海燕玲红丽强", min_size=1, max_size=2)


@given(family=st.sampled_from(sorted(SURNAMES)), given_name=_GIVEN)
def test_a_name_written_in_characters_or_pinyin_gets_the_same_key(family, given_name):
    hanzi = family + given_name
    pinyin = hanzi_to_pinyin(hanzi)
    assert person_key(hanzi) == person_key(pinyin) == person_key("Mr. " + pinyin.upper()) == person_key(pinyin + " ")
    assert is_chinese_name(pinyin)

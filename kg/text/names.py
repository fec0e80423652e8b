"""Chinese personal names: pinyin from hanzi, normalised spelling, stable person keys.

English reports write a name family name first, given name as one word:
卢爱红 -> "Lu Aihong". :func:`person_key` maps every spelling of one person
("Li Zhong", "LI Zhong", "Mr. Li Zhong", "李忠", "李 忠") to one slug ("li-zhong"),
so the same official gets one IRI across documents and languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Single-character family names (Simplified); the text is converted to
# Simplified before names are looked up.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔"
    "伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华"
    "喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇"
    "栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝"
    "区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰"
    "赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由寿习郇种洪"
)
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 澹台 西门 南宫 万俟 闻人 独孤 申屠 呼延 "
    "钟离 太史 赫连 拓跋".split()
)
# Family-name readings that differ from the character's common reading.
_SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao", "盖": "ge", "乐": "yue",
    "缪": "miao", "覃": "qin", "翟": "zhai", "阚": "kan", "都": "du", "薄": "bo", "卜": "bu", "吕": "lyu", "种": "chong",
    "郇": "huan", "尉": "wei", "宿": "su", "那": "na", "任": "ren", "华": "hua", "燕": "yan",
    "长孙": "zhangsun", "万俟": "moqi", "尉迟": "yuchi", "澹台": "tantai",
}
# The same family names in pinyin, for telling a name from other capitalised words.
PINYIN_SURNAMES = frozenset(
    "a ai an ao ba bai ban bao bi bian bin bo bu cai cao cen chai chang chao che chen cheng chi chong chu cong cui dai dan "
    "dang deng di diao ding dong dongfang dou du duan duanmu dugu fan fang fei feng fu gan gao ge geng gong gongsun gou gu "
    "guan gui guo ha hai han hang hao he helian heng hong hou hu hua huan huang huangfu hui huo huyan ji jia jian jiang jiao jie "
    "jin jing ju kan kang ke kong kou kuang lai lan lang lao lei leng li lian liang liao lin ling linghu liu long lou lu luan "
    "luo lyu ma mai man mao mei men meng mi miao min ming mo moqi mou mu murong na nan nangong ni nie ning niu nong ou ouyang "
    "pan pang pei peng pi piao ping pu qi qian qiang qiao qin qing qiu qu quan que ran rao ren rong ru ruan rui sang sha shan "
    "shang shangguan shao she shen sheng shentu shi shou shu shuai si sima situ song su sui sun suo tai taishi tan tang tantai "
    "tao teng tian tong tu tuoba wan wang wei wen weng wenren wu xi xia xiahou xian xiang xiao xie ximen xin xing xiong xiu "
    "xu xuan xuanyuan xue yan yang yao ye yi yin ying yong you yu yuan yuchi yue yun yuwen zan zang zeng zha zhai zhan zhang "
    "zhangsun zhao zhen zheng zhi zhong zhongli zhou zhu zhuang zhuge zhuo zong zou zu zuo".split()
)
_SYLLABLES = sorted(
    (
        "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha "
        "chai chan chang chao che chen cheng chi chong chou chu chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun "
        "cuo da dai dan dang dao de dei deng di dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang "
        "fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang "
        "hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan "
        "jue jun ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li "
        "lia lian liang liao lie lin ling liu long lou lu luan lue lun luo lv lve lyu lyue ma mai man mang mao me mei men meng "
        "mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong "
        "nou nu nuan nue nuo nv nve nyu nyue o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia "
        "qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai "
        "san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun "
        "shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa "
        "wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin "
        "ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi "
        "zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo"
    ).split(),
    key=len,
    reverse=True,
)
_GIVEN_NAME = re.compile(r"(?:%s){1,2}" % "|".join(_SYLLABLES))

HONORIFICS = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|madam|madame|mme|dr|prof|professor|comrade|sir)\b\.?\s*)+|(?:先生|女士|同志|教授|博士)$", re.I
)
# A name written in Latin letters: two or three capitalised words ("Li Zhong", "LI Zhong", "Wang Xiao-ping").
NAME_PATTERN = r"(?:[A-Z][a-z]+|[A-Z]{2,})(?: (?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?|[A-Z]{2,})){1,2}\b"
_HAN = re.compile(r"[\u3400-\u9fff]")
# Characters that end a Chinese name in running text: punctuation, or the
# first character of a reporting verb, preposition or conjunction.
_NAME_END = re.compile(
    r"[\s，。、；：:,.;!?！？()（）\"“”‘’「」『』《》·]|介绍|表示|说|指出|称|答|回答|在|出席|主持|就|对|透露|宣布|强调|通报|等|和|与|及"
    r"|女士|先生|同志|解读|发布|提到|坦言|分析|认为|谈到|说明|也|还|则|向|到|作|做|以|从|为|于|将|已|同|并|代表|$"
    r"|[0-9０-９]|此前|日前|近日|今天|今日|昨天|昨日|上午|下午|晚间|当天|随后|近期|接受|回应|明确|围绕|一行"
)
# A character that can begin one of those verbs but cannot end a given name.
_NOT_NAME_END = frozenset("说称在对就等与及答也还则向到作做以从为于将已同并")
# Place names that read as a family name and a given name.
_PLACES = frozenset({"Hong Kong", "Xi An", "Tai Bei", "Tai Wan"})
# Characters that rarely begin a name although they are family names: "和李强总理" is 李强.
_NOT_NAME_START = frozenset("和与同向对由在及是于为将把被从给让请跟")
# Common words that read like a two-character name after a title: "总书记强调".
_WORDS = frozenset("强调 明确 宣布 关于 安排 高度 全面 全力 全体 应当 于是 连续 任命 成为 常务 时间 和谐 申明 曾经 江苏 云南 海南 "
                   "方面 向前 易于 金融 公开 公布 都是 还是 也是 司局".split())
_FOLD = str.maketrans({"ü": "yu", "Ü": "Yu", "'": "", "’": "", "‘": ""})


def strip_honorific(name: str) -> str:
    """``"Mr. Li Zhong"`` -> ``"Li Zhong"``; ``"卢爱红女士"`` -> ``"卢爱红"``."""
    return HONORIFICS.sub("", name.strip()).strip()


def split_hanzi(name: str) -> tuple[str, str]:
    """(family name, given name) of a name in characters; a compound family name when it is one."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


@lru_cache(maxsize=4096)
def hanzi_to_pinyin(name: str) -> str:
    """Pinyin of a name in characters, family name first: 卢爱红 -> "Lu Aihong", 单霁翔 -> "Shan Jixiang"."""
    from pypinyin import lazy_pinyin

    from kg.text.script import to_simplified

    family, given = split_hanzi(to_simplified(name))
    family_py = _SURNAME_READINGS.get(family) or "".join(lazy_pinyin(family))
    given_py = "".join(lazy_pinyin(given)) if given else ""
    return " ".join(_spell(p) for p in (family_py, given_py) if p)


def _spell(syllables: str) -> str:
    """Capitalised pinyin with ü written "yu" after l and n (Lyu, Nyu), as passports do."""
    syllables = re.sub(r"(?<=[ln])(?:v|ü)", "yu", syllables.lower())
    return syllables.replace("ü", "u").replace("v", "u").capitalize()


@lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    """The canonical English spelling: honorifics dropped, hanzi to pinyin, family name capitalised,
    given name one word: ``"LI Zhong"`` -> ``"Li Zhong"``, ``"Wang Xiao-ping"`` -> ``"Wang Xiaoping"``."""
    name = strip_honorific(name)
    if _HAN.search(name):
        return hanzi_to_pinyin(re.sub(r"\s+", "", name))
    words = [w for w in re.split(r"[\s\-]+", name.translate(_FOLD)) if w]
    if not words:
        return ""
    family, given = re.sub(r"^([ln])v$", r"\1yu", words[0].lower()), "".join(words[1:])
    return " ".join(w.capitalize() for w in (family, given) if w)


@lru_cache(maxsize=8192)
def person_key(name: str) -> str:
    """A stable slug for a person's IRI: "Li Zhong", "LI Zhong", "Mr. Li Zhong" and 李忠 give ``li-zhong``."""
    canonical = normalize_name(name)
    ascii_name = unicodedata.normalize("NFKD", canonical).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name))


@lru_cache(maxsize=8192)
def is_chinese_name(name: str) -> bool:
    """True for a pinyin name, family name first: a known family name and a given name of one or two syllables."""
    if not 2 <= len(strip_honorific(name).split()) <= 3:
        return False
    family, _, given = normalize_name(name).partition(" ")
    return family.lower() in PINYIN_SURNAMES and bool(_GIVEN_NAME.fullmatch(given.lower())) and f"{family} {given}" not in _PLACES


def hanzi_name_at(text: str, start: int) -> str | None:
    """The Chinese personal name that starts at ``text[start]``, or None.

    The name needs a known family name and one or two given-name characters;
    its end is where punctuation or a reporting verb ("介绍", "表示", "说") begins.
    """
    family = text[start:start + 2] if text[start:start + 2] in COMPOUND_SURNAMES else text[start:start + 1]
    if family not in SURNAMES and family not in COMPOUND_SURNAMES:
        return None
    base = start + len(family)
    for given in (2, 1):
        end = base + given
        chunk = text[base:end]
        if len(chunk) < given or not all(_is_han(c) for c in chunk):
            continue
        if given == 2 and chunk[-1] in _NOT_NAME_END:
            continue
        if _NAME_END.match(text, end) and text[start:end] not in _WORDS:
            return text[start:end]
    return None


def hanzi_name_before(text: str, end: int) -> str | None:
    """The Chinese personal name that ends right before ``text[end]`` ("习近平" in "习近平总书记"), or None."""
    for length in (3, 2, 4):
        start = end - length
        if start < 0 or (length == 3 and text[start] in _NOT_NAME_START):
            continue
        name = text[start:end]
        family, given = split_hanzi(name)
        known_family = family in SURNAMES or family in COMPOUND_SURNAMES
        if known_family and 1 <= len(given) <= 2 and all(map(_is_han, name)) and name not in _WORDS:
            return name
    return None


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def resolve(mention: str, names: Iterable[str]) -> str | None:
    """The one name among ``names`` that ``mention`` refers to: a full name in any spelling, or a
    family name alone ("Mr. Li") when exactly one of ``names`` has it; None when unknown or ambiguous."""
    names = list(names)
    key = person_key(mention)
    if not key:
        return None
    for name in names:
        if person_key(name) == key:
            return name
    if "-" in key:
        return None
    same_family = [n for n in names if person_key(n).split("-")[0] == key]
    return same_family[0] if len(same_family) == 1 else None

"""Document language detection: script census first, stop words, then langdetect."""

import pytest

from cleanup import clean
from cleanup.lang import _detect_by_stopwords, detect_language


@pytest.mark.parametrize(
    "text, lang",
    [
        ("北京市今天发布了新的交通规划，地铁网络将继续扩展到郊区。", "zh"),
        ("台北市政府今天宣布新的交通計畫，捷運路網將繼續擴展。", "zh"),
        ("京都市は来年から観光客向けの新しいバス路線を運行すると発表した。", "ja"),
        # a Japanese headline without kana: Japanese-only kanji (証 発 営 駅) say so
        ("東京証券取引所　発表資料参照\n新体制で営業開始　駅前再開発計画", "ja"),
        ("서울시는 내년부터 청년 지원을 확대한다고 밝혔다.", "ko"),
    ],
)
def test_cjk_documents_are_told_apart_by_script(text, lang):
    assert detect_language(text) == lang


def test_kanji_only_japanese_document_is_not_converted_as_chinese():
    text = "東京証券取引所　発表資料参照\n\n新体制で営業開始　駅前再開発計画\n"
    result = clean(text)
    assert result.language == "ja" and [c for c in result.changes if c.filter == "chinese"] == []


def test_code_blocks_do_not_decide_the_language():
    text = ("# 使用 Python 和 FastAPI 构建 API\n\n本教程介绍如何使用 FastAPI 搭建 API。\n\n```python\n"
            "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get(\"/items/{item_id}\")\n"
            "def read_item(item_id: int, q: str | None = None):\n    return {\"item_id\": item_id, \"q\": q}\n```\n")
    result = clean(text)
    assert result.language == "zh" and result.changes == [] and result.text == text


@pytest.mark.parametrize(
    "text, lang",
    [
        ("وزارة الطاقة تعلن عن مشروع جديد للطاقة الشمسية في المنطقة الشرقية بقدرة ثلاثمائة ميغاواط.", "ar"),
        # Persian and Urdu write the same script with letters of their own (ی ک پ ے)
        ("وزارت نیرو از طرح تازه‌ای برای نیروگاه خورشیدی در استان یزد خبر داد.", "fa"),
        ("حکومت نے شمسی توانائی کے ایک نئے منصوبے کا اعلان کیا ہے۔", "ur"),
        ("משרד האנרגיה הודיע היום על תוכנית חדשה לאנרגיה סולארית בנגב.", "he"),
        ("Το υπουργείο ανακοίνωσε νέο πρόγραμμα για φωτοβολταϊκά στις στέγες της Αθήνας.", "el"),
        ("กระทรวงพลังงานประกาศโครงการโซลาร์เซลล์บนหลังคาบ้านเรือนทั่วประเทศ", "th"),
        # languages langdetect has no profile for, told by their scripts
        ("ენერგეტიკის სამინისტრომ მზის ენერგიის ახალი პროგრამა წარადგინა.", "ka"),
        ("Էներգետիկայի նախարարությունը ներկայացրեց արևային էներգիայի նոր ծրագիր։", "hy"),
        # Cyrillic and Devanagari are written by several languages: langdetect decides
        ("Министерство энергетики объявило о новой программе солнечной энергетики.", "ru"),
        ("Міністерство енергетики оголосило про нову програму сонячної енергетики для всіх громад.", "uk"),
    ],
)
def test_single_language_scripts_are_told_by_script(text, lang):
    assert detect_language(text) == lang


def test_words_spanish_shares_with_portuguese_do_not_count_against_it():
    # decided by stop words, without langdetect: "que", "para", "por" are no evidence for Portuguese
    text = ("El ayuntamiento aprobó ayer el nuevo plan de movilidad, que según el alcalde es el más ambicioso de su "
            "mandato. Los carriles para bicicletas crecerán un cuarenta por ciento y el transporte público será gratis "
            "para los menores. Pero los comerciantes del centro se quejan: dicen que el plan se aprobó sin consultar "
            "con ellos y que las obras durarán más de lo previsto. El concejal de urbanismo responde que el proyecto "
            "está abierto y que los vecinos podrán presentar sus propuestas hasta el mes que viene, como se hizo con "
            "el plan anterior.")
    assert _detect_by_stopwords(text) == "es" and detect_language(text) == "es"


def test_script_gates_hold_every_character_of_their_scripts():
    # cheap gates in front of the script counts: a character they miss would be a language misread
    import regex

    from cleanup.lang import _CJK_BLOCKS, _SINGLE_LANGUAGE_SCRIPTS, _SINGLE_SCRIPT_BLOCKS

    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    cjk = regex.findall(r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]", every)
    single = regex.findall("[" + "".join(rf"\p{{Script={s}}}" for _, s in _SINGLE_LANGUAGE_SCRIPTS) + "]", every)
    assert len(cjk) > 100_000 and [c for c in cjk if not _CJK_BLOCKS.match(c)] == []
    assert len(single) > 3000 and [c for c in single if not _SINGLE_SCRIPT_BLOCKS.match(c)] == []


def test_cached_langdetect_profiles_give_langdetects_own_probabilities():
    # the profiles are read from the sqlite cache n-gram by n-gram; every probability must be
    # the one langdetect's own factory computes (seeded alike)
    from langdetect import DetectorFactory, detector_factory

    from cleanup.language.langdetect_profiles import cached_factory

    own = DetectorFactory()
    own.load_profile(detector_factory.PROFILES_DIRECTORY)
    own.seed = 0
    cached = cached_factory()
    assert cached.langlist == own.langlist and len(own.langlist) == 55
    texts = [
        "Министерство энергетики объявило о новой программе солнечной энергетики.",
        "Ministerstwo energii ogłosiło nowy program dla paneli słonecznych na dachach.",
        "Enerji bakanlığı çatılar için yeni bir güneş paneli programı açıkladı.",
        "Wir sehen eine Erholung, aber sie ist noch nicht stabil genug für eine Prognoseanhebung.",
        "Bộ Năng lượng công bố chương trình điện mặt trời mới cho các hộ gia đình.",
        "Q: Would you do it again?\n| Protomaps | BSD-3-Clause | protomaps.com |",
        "x",
    ]

    def probabilities(factory, text):
        detector = factory.create()
        detector.append(text)
        return [(lang.lang, lang.prob) for lang in detector.get_probabilities()]

    assert [probabilities(cached, t) for t in texts] == [probabilities(own, t) for t in texts]


def _langdetect_texts() -> list[str]:
    """Texts for the detector comparison: every corpus article whole and paragraph by
    paragraph, sentences in many scripts, capitals, URLs, and seeded random Unicode."""
    import random
    from pathlib import Path

    texts = [
        "", " ", "   \n\t ", "12345 678", "https://example.com/a?b=c#d", "mail@example.com",
        "http://a.example/x mail@example.com https://b.example/y", "...!!! --- ???",
        "NASA and the EU signed it in NEW YORK; the CEO said OK.", "ÉTATS-UNIS ET CANADA Œuvre ÄÖÜ ẞ",
        "ΑΘΗΝΑ Η κυβέρνηση ανακοίνωσε νέο πρόγραμμα για τα ηλιακά πάνελ.",
        "Правительство объявило о ПРОГРАММЕ; МОСКВА, 12 мая.", "Ukraina: Київ оголосив нову програму.",
        "Tiếng Việt có dấu: Hà Nội, Thành phố Hồ Chí Minh, người dân.",
        "Tie\u0301ng Vie\u0323\u0302t: to\u0309 hợp dấu rời (combining marks).",
        "Bucureşti şi Timișoara, țară și oraș.", "فارسی: ایران کشور بزرگی است. العربية: الطاقة الشمسية.",
        "עברית: הממשלה הודיעה על תוכנית חדשה.", "हिन्दी: सरकार ने नई योजना की घोषणा की।",
        "ภาษาไทย รัฐบาลประกาศโครงการใหม่", "ㄅㄆㄇㄈ 注音符號 ㆠㆡ", "ひらがな カタカナ 漢字 東京", "한국어 문장입니다 서울",
        "北京市今天发布了新的交通规划", "台北市政府今天宣布新的交通計畫", "Emoji 🎉🚀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text",
        "Ð ð Þ þ × ÷ « » ¿ ¡ § © ® ° ± µ ¶ · ¸ ¹ º ¼", "a  b   c    d", " leading and trailing ",
        "x", "ab", "ABC", "Ab", "aB", "A", "I", "ǅ ǈ ǋ ǲ titlecase",
    ]
    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("corpus").iterdir()):
        if path.suffix in (".txt", ".md", ".html"):
            article = path.read_text(encoding="utf-8", errors="replace")
            texts.append(article)
            texts += [p for p in article.split("\n\n") if p.strip()]
    ranges = [(0x20, 0x7f), (0x80, 0x250), (0x300, 0x370), (0x370, 0x530), (0x590, 0x700), (0x900, 0x980),
              (0xe00, 0xe80), (0x1e00, 0x1f00), (0x2000, 0x2070), (0x3040, 0x3100), (0x3100, 0x31c0),
              (0x4e00, 0x9fff), (0xac00, 0xd7a4), (0xff00, 0xfff0), (0x1f300, 0x1f700)]
    rnd = random.Random(10)
    for _ in range(600):
        picked = rnd.sample(ranges, rnd.randint(1, 3))
        chars = [chr(rnd.randrange(*rnd.choice(picked))) for _ in range(rnd.randrange(0, 80))]
        texts.append("".join(c if rnd.random() > 0.15 else " " for c in chars))
    return texts


def test_fast_langdetect_detector_gives_langdetects_own_probabilities():
    # FastDetector (our factory's detector) must give bit-for-bit the probabilities of
    # langdetect's stock Detector, and fail alike where there is nothing to detect
    from langdetect import DetectorFactory, detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    from cleanup.language.langdetect_fast import FastDetector, FastDetectorFactory
    from cleanup.language.langdetect_profiles import cached_factory

    own = DetectorFactory()
    own.load_profile(detector_factory.PROFILES_DIRECTORY)
    own.seed = 0
    fast = FastDetectorFactory()  # langdetect's own profile dict, our detector
    fast.load_profile(detector_factory.PROFILES_DIRECTORY)
    fast.seed = 0
    cached = cached_factory()  # the profiles from the cache, our detector
    assert type(cached.create()) is FastDetector

    def outcome(factory, text):
        detector = factory.create()
        detector.append(text)
        try:
            best = detector.get_probabilities()
        except LangDetectException as e:
            return "raised", e.code, str(e)
        return detector.langprob, [(lang.lang, lang.prob) for lang in best]

    texts = _langdetect_texts()
    assert len(texts) > 1000
    expected = [outcome(own, t) for t in texts]
    assert sum(e[0] == "raised" for e in expected) >= 5  # empty, spaces, digits, URL, mail
    assert [outcome(fast, t) for t in texts] == expected
    assert [outcome(cached, t) for t in texts] == expected
    assert [outcome(cached, t) for t in texts] == expected  # a second time: from its word cache


@pytest.mark.parametrize(
    "text, lang",
    [
        # scripts langdetect has no profile for: the document language used to be None
        ("කොළඹ නගරයේ නව මහජන පුස්තකාලයක් ඊයේ විවෘත කරන ලදී. මෙහි පොත් විශාල සංඛ්‍යාවක් ඇත.", "si"),
        ("សាលារាជធានីភ្នំពេញបានបើកសួនច្បារសាធារណៈថ្មីមួយនៅតាមបណ្តោយទន្លេ។", "km"),
        ("ရန်ကုန်မြို့တွင် ယမန်နေ့က မိုးသည်းထန်စွာ ရွာသွန်းခဲ့သည်။", "my"),
        ("የአዲስ አበባ ከተማ አስተዳደር አዲስ የአውቶቡስ መስመር ዛሬ ሥራ አስጀምሯል።", "am"),
    ],
)
def test_scripts_langdetect_does_not_know_name_their_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text, lang",
    [
        # langdetect says Russian / Macedonian / Croatian / Norwegian for these
        ("Алматы қаласында екі жаңа метро бекеті ашылды. Енді метро желісінің жалпы ұзындығы он бес "
         "шақырымға жетті. Жаңа бекеттер күн сайын шамамен жиырма мың жолаушыға қызмет көрсетеді.", "kk"),
        ("Энэ өвөл Улаанбаатар хотын агаарын бохирдол өнгөрсөн оныхоос буурсан гэж яам мэдээллээ. "
         "Гэр хорооллын олон айл цахилгаан халаагуурт шилжсэн нь гол нөлөө үзүүлжээ.", "mn"),
        ("Градска скупштина усвојила је план за нову трамвајску линију која ће повезати Нови Београд и "
         "Земун. Возови ће саобраћати на сваких пет минута у вршним сатима, а радови почињу већ у пролеће.", "sr"),
        ("Eldgos hófst á Reykjanesskaga skömmu eftir miðnætti í nótt. Veðurstofa Íslands segir að hraunrennsli "
         "sé mest til austurs og að bærinn sé ekki í hættu að svo stöddu.", "is"),
        ("Bilboko metroak bidaiari asko garraiatu zituen iaz, inoiz baino gehiago. Zuzendariaren arabera, "
         "hazkundearen arrazoi nagusia prezioen jaitsiera izan da, eta datorren urtean obrak hasiko dira.", "eu"),
        # their neighbours stay what they are
        ("Министерство энергетики объявило о новой программе солнечной энергетики в Казахстане.", "ru"),
        ("Владата донесе одлука за нова трамвајска линија што ќе ги поврзе двата дела на градот.", "mk"),
        ("The former president Guðni Jóhannesson visited Hafnarfjörður last year to open a new school "
         "building with the mayor and the teachers.", "en"),
    ],
)
def test_languages_langdetect_confuses_are_told_by_their_own_letters(text, lang):
    assert detect_language(text) == lang


def test_serbian_cyrillic_without_its_own_letters_is_not_called_macedonian():
    # langdetect says Macedonian; running Macedonian writes ќе and меѓу, this text has no ѓ ќ ѕ
    text = ("Сваке године хиљаде корисника у Србији изгуби приступ својим налозима на друштвеним мрежама. "
            "Двофакторска аутентификација је најједноставнији начин заштите налога. Уместо порука, користите "
            "апликацију за потврду пријаве. Програми за лозинке генеришу јаке лозинке и памте их уместо вас. "
            "Никада не користите исту лозинку на више сајтова, јер један пропуст отвара све налоге.")
    assert detect_language(text) == "sr"
    macedonian = ("Секоја година илјадници корисници во Македонија го губат пристапот до своите профили. "
                  "Експертите велат дека двофакторската заштита е наједноставниот начин, а банките ќе "
                  "воведат нови правила меѓу првите во регионот. Програмите за лозинки создаваат силни "
                  "лозинки и ги паметат наместо вас, па никогаш не користете иста лозинка на повеќе места.")
    assert detect_language(macedonian) == "mk"


def test_malay_is_told_from_indonesian_by_its_own_spellings():
    # langdetect has no Malay profile and says Indonesian for both
    malay = ("Harga rumah di sekitar Kuala Lumpur dijangka kekal stabil pada tahun depan walaupun kadar faedah "
             "masih tinggi. Menurut laporan terkini, jumlah transaksi kediaman meningkat 6 peratus pada separuh "
             "pertama tahun ini. Penganalisis mengingatkan bahawa kos bahan binaan yang meningkat boleh menekan "
             "margin keuntungan pemaju, kerana bekalan rumah baharu bertambah di pinggir bandar.")
    indonesian = ("Harga rumah di sekitar Jakarta diperkirakan tetap stabil tahun depan meskipun suku bunga masih "
                  "tinggi. Menurut laporan terbaru, jumlah transaksi rumah naik 6 persen pada paruh pertama tahun "
                  "ini. Analis mengingatkan bahwa biaya bahan bangunan yang naik bisa menekan margin pengembang, "
                  "karena pasokan rumah baru bertambah di pinggiran kota.")
    assert detect_language(malay) == "ms"
    assert detect_language(indonesian) == "id"

"""Document language detection: script census first, stop words, then langdetect."""

import pytest

from cleanup import clean
from cleanup.lang import detect_language


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

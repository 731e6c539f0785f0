"""Traditional Chinese from the Simplified catalog (make translations does not run this; run it
after changing locales/zh_Hans: `python -m scripts.make_hant`).

Every entry of locales/zh_Hant/LC_MESSAGES/messages.po becomes OpenCC's Taiwan-phrasing
conversion (s2twp) of its Simplified translation, except entries a person corrected and marked
with the flag ``reviewed`` (``#, reviewed``): the generator never overwrites those. Glossary terms
come out right because the Simplified catalog uses them (locales/GLOSSARY.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import opencc
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
HANS = ROOT / "locales" / "zh_Hans" / "LC_MESSAGES" / "messages.po"
HANT = ROOT / "locales" / "zh_Hant" / "LC_MESSAGES" / "messages.po"
REVIEWED = "reviewed"
# Taiwan's words where OpenCC's s2twp keeps mainland usage or over-converts (applied after it, in
# this order, on every entry; from a zh-TW review of the whole catalog). Words whose Taiwan form
# depends on the sentence (通過 via/passed, 行/列 row/column/line, 條/則) are corrected per entry
# and flagged reviewed instead.
TAIWAN_TERMS = {
    "賬戶": "帳戶", "賬號": "帳號", "賬單": "帳單", "許可權": "權限", "平臺": "平台",
    "“": "「", "”": "」",
    "退出登入": "登出", "稽核": "審核", "審核日誌": "稽核日誌",  # audit log stays 稽核 (glossary)
    "合作伙伴": "合作夥伴", "會話次數": "工作階段", "會話": "工作階段", "轉化率": "轉換率",
    "共享": "共用", "幣種": "幣別", "千克": "公斤", "釐米": "公分", "發貨": "出貨",
    "追蹤編碼": "追蹤編號", "承運人": "貨運業者", "回復": "回覆", "（可選）": "（選填）", "可選，": "選填，",
    "演示": "示範", "運營中心": "營運中心", "時間段": "期間", "型別": "類型", "當前": "目前",
    "天后": "天後", "重新發送": "重新傳送", "自定義": "自訂", "同比增長": "年增率", "同比": "年增率",
    "銷售量與訪問量": "銷售量與流量", "訪問權限": "存取權限", "無權訪問": "無權存取", "渠道": "通路",
    "計劃": "計畫", "身份": "身分", "程式碼": "代碼", "物件": "對象", "郵箱地址": "電子郵件地址",
    "郵件發件箱": "郵件寄件匣", "純文本": "純文字", "創建": "建立", "獲取": "取得",
}


def _taiwan(text: str, converter: opencc.OpenCC) -> str:
    text = converter.convert(text)
    for simplified_style, taiwan in TAIWAN_TERMS.items():
        text = text.replace(simplified_style, taiwan)
    return text


def convert(text: str, converter: opencc.OpenCC) -> str:
    """OpenCC on the text around the placeholders ({name} must stay exactly as it is)."""
    out, depth, chunk = [], 0, []
    for char in text:
        if char == "{" and depth == 0:
            out.append(_taiwan("".join(chunk), converter))
            chunk, depth = ["{"], 1
        elif char == "}" and depth == 1:
            chunk.append("}")
            out.append("".join(chunk))
            chunk, depth = [], 0
        else:
            chunk.append(char)
    out.append("".join(chunk) if depth else _taiwan("".join(chunk), converter))
    return "".join(out)


def generate(hans_path: Path = HANS, hant_path: Path = HANT, output: Path | None = None) -> tuple[int, int]:
    """Write the Traditional catalog (to `output`, default `hant_path`); returns (converted, kept as
    reviewed)."""
    converter = opencc.OpenCC("s2twp")
    with hans_path.open("rb") as fh:
        hans = read_po(fh, locale="zh_Hans")
    kept: dict = {}
    if hant_path.exists():
        with hant_path.open("rb") as fh:
            for message in read_po(fh, locale="zh_Hant"):
                if message.id and REVIEWED in message.flags:
                    kept[(message.id, message.context)] = message
    hans.locale = "zh_Hant"
    hans.language_team = "zh_Hant (from zh_Hans by OpenCC s2twp; entries flagged reviewed are hand-corrected)"
    converted = 0
    for message in hans:
        if not message.id:
            continue
        reviewed = kept.get((message.id, message.context))
        if reviewed is not None:
            message.string, message.flags = reviewed.string, set(reviewed.flags)
            continue
        if isinstance(message.string, tuple):
            message.string = tuple(convert(s, converter) for s in message.string)
        else:
            message.string = convert(message.string, converter)
        message.flags.discard(REVIEWED)
        converted += 1
    output = output or hant_path
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as fh:
        write_po(fh, hans, width=120)
    return converted, len(kept)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="write here instead of locales/zh_Hant (to compare)")
    done, kept = generate(output=parser.parse_args().output)
    print(f"zh_Hant: {done} entries converted by OpenCC (s2twp), {kept} reviewed entries kept", file=sys.stderr)

"""Key facts of the shipped dataset, written by hand from the sources named on each row.

This table is independent of ``data/models.json``: it was written from the
papers and announcements, so a wrong date, size, organization or a lost edge in
the data fails here, whatever the snapshot files say. Each row: the name people
use, the first public release (as precise as the source gives it), the largest
disclosed size, as the paper tables give it (``UNDISCLOSED`` when the lab
never said; Gemini 1.0 disclosed only its Nano sizes; ``None`` leaves it
unchecked), an organization that must be credited, and parents that must be
there with their relation.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from llm_lineage.names import resolve

UNDISCLOSED = "undisclosed"
B, M = 10**9, 10**6


class Fact(NamedTuple):
    name: str
    released: str
    largest: int | str | None
    organization: str
    parents: dict[str, str]
    source: str


FACTS = [
    Fact("Transformer", "2017-06-12", 213 * M, "Google", {}, "https://arxiv.org/abs/1706.03762"),
    Fact("GPT-1", "2018-06-11", 117 * M, "OpenAI", {"transformer": "architecture"},
         "https://openai.com/index/language-unsupervised/"),
    Fact("BERT", "2018-10-11", 340 * M, "Google", {"transformer": "architecture"}, "https://arxiv.org/abs/1810.04805"),
    Fact("GPT-2", "2019-02-14", 1500 * M, "OpenAI", {"gpt-1": "successor"},
         "https://github.com/openai/gpt-2/blob/master/model_card.md"),  # corrects the paper's 117M..1542M
    Fact("RoBERTa", "2019-07-26", 355 * M, "Facebook", {"bert": "architecture"}, "https://arxiv.org/abs/1907.11692"),
    Fact("ALBERT", "2019-09-26", 235 * M, "Google", {"bert": "architecture"}, "https://arxiv.org/abs/1909.11942"),
    Fact("DistilBERT", "2019-08-28", 66 * M, "Hugging Face", {"bert": "distilled"},
         "https://medium.com/huggingface/distilbert-8cf3380435b5"),
    Fact("TinyBERT", "2019-09-23", None, "Huawei", {"bert": "distilled"}, "https://arxiv.org/abs/1909.10351"),
    Fact("MobileBERT", "2020-04-06", None, "Google", {"bert": "distilled"}, "https://arxiv.org/abs/2004.02984"),
    Fact("ELECTRA", None, None, "Stanford", {"bert": "architecture"}, "https://arxiv.org/abs/2003.10555"),
    Fact("T5", "2019-10-23", 11 * B, "Google", {"transformer": "architecture"}, "https://arxiv.org/abs/1910.10683"),
    Fact("XLNet", "2019-06-19", None, "Carnegie Mellon", {}, "https://arxiv.org/abs/1906.08237"),
    Fact("BART", "2019-10-29", None, "Facebook", {}, "https://arxiv.org/abs/1910.13461"),
    Fact("Megatron-LM", "2019-08-13", 8300 * M, "NVIDIA", {}, "https://arxiv.org/abs/1909.08053"),
    Fact("Turing-NLG", "2020-02-10", 17 * B, "Microsoft", {},
         "https://www.microsoft.com/en-us/research/blog/turing-nlg-a-17-billion-parameter-language-model-by-microsoft/"),
    Fact("GPT-3", "2020-05-28", 175 * B, "OpenAI", {"gpt-2": "successor"}, "https://arxiv.org/abs/2005.14165"),
    Fact("Switch Transformer", "2021-01-11", None, "Google", {}, "https://arxiv.org/abs/2101.03961"),
    Fact("LaMDA", "2021-05-18", 137 * B, "Google", {}, "https://blog.google/technology/ai/lamda/"),
    Fact("Codex", "2021-07-07", 12 * B, "OpenAI", {"gpt-3": "continued-pretraining"},
         "https://arxiv.org/abs/2107.03374"),
    Fact("Jurassic-1", "2021-08", 178 * B, "AI21", {}, "https://www.ai21.com/blog/announcing-ai21-studio-and-jurassic-1"),
    Fact("MT-NLG", "2021-10-11", 530 * B, "Microsoft", {},
         "https://www.microsoft.com/en-us/research/blog/using-deepspeed-and-megatron-to-train-megatron-turing-nlg-530b-the-worlds-largest-and-most-powerful-generative-language-model/"),
    Fact("Gopher", "2021-12-08", 280 * B, "DeepMind", {}, "https://arxiv.org/abs/2112.11446"),
    Fact("InstructGPT", "2022-01-27", 175 * B, "OpenAI", {"gpt-3": "preference-tuned"},
         "https://openai.com/index/instruction-following/"),
    Fact("Chinchilla", "2022-03-29", 70 * B, "DeepMind", {}, "https://arxiv.org/abs/2203.15556"),
    Fact("PaLM", "2022-04-04", 540 * B, "Google", {}, "https://arxiv.org/abs/2204.02311"),
    Fact("OPT", "2022-05-02", 175 * B, "Meta", {}, "https://arxiv.org/abs/2205.01068"),
    Fact("BLOOM", "2022-07-12", 176 * B, "BigScience", {}, "https://bigscience.huggingface.co/blog/bloom"),
    Fact("GLM-130B", "2022-08-04", 130 * B, "Tsinghua", {}, "https://keg.cs.tsinghua.edu.cn/glm-130b/posts/glm-130b/"),
    Fact("Flan-T5", "2022-10-20", 11 * B, "Google", {"t5-1.1": "fine-tuned"}, "https://arxiv.org/abs/2210.11416"),
    Fact("BLOOMZ", "2022-11-03", 176 * B, "BigScience", {"bloom": "fine-tuned"}, "https://arxiv.org/abs/2211.01786"),
    Fact("Galactica", "2022-11-15", 120 * B, "Meta", {}, "https://arxiv.org/abs/2211.09085"),
    Fact("ChatGPT", "2022-11-30", UNDISCLOSED, "OpenAI", {"gpt-3.5": "product"}, "https://openai.com/index/chatgpt/"),
    Fact("LLaMA", "2023-02-24", 65200 * M, "Meta", {}, "https://arxiv.org/abs/2302.13971"),
    Fact("Alpaca", "2023-03-13", 7 * B, "Stanford", {"llama": "fine-tuned", "text-davinci-003": "trained-on-outputs"},
         "https://crfm.stanford.edu/2023/03/13/alpaca.html"),
    Fact("GPT-4", "2023-03-14", UNDISCLOSED, "OpenAI", {}, "https://arxiv.org/abs/2303.08774"),
    Fact("Claude", "2023-03-14", UNDISCLOSED, "Anthropic", {}, "https://www.anthropic.com/news/introducing-claude"),
    Fact("Vicuna", "2023-03-30", None, "LMSYS", {"llama": "fine-tuned", "chatgpt": "trained-on-outputs"},
         "https://lmsys.org/blog/2023-03-30-vicuna/"),
    Fact("Dolly 2.0", "2023-04-12", 12 * B, "Databricks", {"pythia": "fine-tuned"},
         "https://www.databricks.com/blog/2023/04/12/dolly-first-open-commercially-viable-instruction-tuned-llm"),
    Fact("StarCoder", "2023-05-04", 15500 * M, "BigCode", {}, "https://arxiv.org/abs/2305.06161"),
    Fact("PaLM 2", "2023-05-10", UNDISCLOSED, "Google", {"palm": "successor"}, "https://ai.google/static/documents/palm2techreport.pdf"),
    Fact("Guanaco", "2023-05-23", 65 * B, "University of Washington", {"llama": "adapter"}, "https://arxiv.org/abs/2305.14314"),
    Fact("phi-1", "2023-06-20", 1300 * M, "Microsoft", {}, "https://arxiv.org/abs/2306.11644"),
    Fact("Llama 2", "2023-07-18", 70 * B, "Meta", {"llama": "successor"}, "https://arxiv.org/abs/2307.09288"),
    Fact("Code Llama", "2023-08-24", None, "Meta", {"llama-2": "continued-pretraining"},
         "https://arxiv.org/abs/2308.12950"),
    Fact("Falcon 180B", "2023-09-06", 180 * B, "Technology Innovation Institute", {},
         "https://huggingface.co/blog/falcon-180b"),
    Fact("Mistral 7B", "2023-09-27", None, "Mistral", {}, "https://mistral.ai/news/announcing-mistral-7b"),
    Fact("Yi", "2023-11-02", 34 * B, "01.AI", {}, "https://arxiv.org/abs/2403.04652"),
    Fact("Zephyr", None, 7 * B, "Hugging Face", {"mistral-7b": "preference-tuned"}, "https://arxiv.org/abs/2310.16944"),
    Fact("Mamba", "2023-12-01", 2800 * M, "Carnegie Mellon", {}, "https://arxiv.org/abs/2312.00752"),
    Fact("Gemini 1.0", "2023-12-06", 3250 * M, "Google", {}, "https://arxiv.org/abs/2312.11805"),
    Fact("Mixtral 8x7B", None, 46700 * M, "Mistral", {}, "https://arxiv.org/abs/2401.04088"),
    Fact("Gemini 1.5", "2024-02-15", UNDISCLOSED, "Google", {"gemini-1.0": "successor"},
         "https://blog.google/technology/ai/google-gemini-next-generation-model-february-2024/"),
    Fact("Gemma", "2024-02-21", None, "Google", {}, "https://blog.google/technology/developers/gemma-open-models/"),
    Fact("Claude 3", "2024-03-04", UNDISCLOSED, "Anthropic", {}, "https://www.anthropic.com/news/claude-3-family"),
    Fact("Llama 3", "2024-04-18", 70 * B, "Meta", {"llama-2": "successor"}, "https://ai.meta.com/blog/meta-llama-3/"),
    Fact("DeepSeek-V2", "2024-05-06", 236 * B, "DeepSeek", {}, "https://arxiv.org/abs/2405.04434"),
    Fact("GPT-4o", "2024-05-13", UNDISCLOSED, "OpenAI", {}, "https://openai.com/index/hello-gpt-4o/"),
    Fact("Llama 3.1", "2024-07-23", 405 * B, "Meta", {"llama-3": "successor"}, "https://ai.meta.com/blog/meta-llama-3-1/"),
    Fact("EXAONE 3.0", "2024-08-07", 7800 * M, "LG AI Research", {}, "https://arxiv.org/abs/2408.03541"),
    Fact("o1", "2024-09-12", UNDISCLOSED, "OpenAI", {}, "https://openai.com/index/learning-to-reason-with-llms/"),
    Fact("DeepSeek-V3", "2024-12-26", 671 * B, "DeepSeek", {}, "https://arxiv.org/abs/2412.19437"),
    Fact("DeepSeek-R1", "2025-01-20", 671 * B, "DeepSeek", {"deepseek-v3": "preference-tuned"},
         "https://arxiv.org/abs/2501.12948"),
    Fact("Qwen3", "2025-04-29", 235 * B, "Alibaba", {"qwen2.5": "successor"}, "https://qwenlm.github.io/blog/qwen3/"),
    Fact("Kimi K2", "2025-07-11", 1040 * B, "Moonshot", {}, "https://moonshotai.github.io/Kimi-K2/"),
    Fact("GPT-5", "2025-08-07", UNDISCLOSED, "OpenAI", {}, "https://openai.com/index/introducing-gpt-5/"),
]


def test_the_table_is_large_enough():
    assert len(FACTS) >= 60


@pytest.mark.parametrize("fact", FACTS, ids=[f.name for f in FACTS])
def test_key_facts(bundled, fact):
    node = resolve(bundled, fact.name)
    attrs = bundled.nodes[node]
    if fact.released is not None:
        assert attrs["released"] == fact.released, f"{fact.name}: see {fact.source}"
    if fact.largest == UNDISCLOSED:
        assert attrs["parameters"] is None, f"{fact.name}'s size was never disclosed"
    elif fact.largest is not None:
        assert attrs["parameters"] and max(attrs["parameters"]) == fact.largest, f"{fact.name}: see {fact.source}"
    assert any(fact.organization.casefold() in o.casefold() for o in attrs["organization"]), attrs["organization"]
    for parent, relation in fact.parents.items():
        assert bundled.has_edge(parent, node), f"{fact.name} must derive from {parent}"
        assert bundled.edges[parent, node]["relation"] == relation

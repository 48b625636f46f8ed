"""The fixed vocabularies of the dataset, defined once, in English and Korean.

Objectives, architectures and relations of models; kinds of concepts and the
links between models and concepts. The schema, the JSON Schema, ``--help``,
the exports and the page's legend all read their values and meanings here.
Kept apart from the pydantic schema so that the CLI can offer them as choices
without importing pydantic (``lineage --help`` stays fast).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Objective", "Architecture", "Relation", "ConceptKind", "ConceptLink", "ConceptRelation",
    "OBJECTIVE_MEANING", "ARCHITECTURE_MEANING", "RELATION_MEANING", "RELATION_PHRASE",
    "CONCEPT_KIND_MEANING", "CONCEPT_LINK_MEANING", "CONCEPT_RELATION_MEANING",
    "WEIGHT_RELATIONS", "RELATION_CONCEPT", "OBJECTIVE_CONCEPT", "LINK_KIND", "meaning", "choices",
]


class Objective(StrEnum):
    """Pre-training objective of a model's weights."""

    LM = "LM"
    MLM = "MLM"
    TEXT_TO_TEXT = "text-to-text"
    RTD = "RTD"
    PLM = "PLM"
    BLANK_INFILLING = "blank-infilling"
    MIXTURE = "mixture"
    DISTILLATION = "distillation"
    SUPERVISED = "supervised"
    DIFFUSION = "diffusion"


class Architecture(StrEnum):
    """How the network is laid out."""

    ENCODER_ONLY = "encoder-only"
    DECODER_ONLY = "decoder-only"
    ENCODER_DECODER = "encoder-decoder"
    RECURRENT = "recurrent"
    STATE_SPACE = "state-space"


class Relation(StrEnum):
    """How a child model derives from a parent."""

    SUCCESSOR = "successor"
    ARCHITECTURE = "architecture"
    CONTINUED_PRETRAINING = "continued-pretraining"
    FINE_TUNED = "fine-tuned"
    PREFERENCE_TUNED = "preference-tuned"
    ADAPTER = "adapter"
    DISTILLED = "distilled"
    MERGED = "merged"
    QUANTIZED = "quantized"
    TRAINED_ON_OUTPUTS = "trained-on-outputs"
    PRODUCT = "product"


class ConceptKind(StrEnum):
    """What sort of idea a concept is."""

    OBJECTIVE = "objective"
    ARCHITECTURE = "architecture"
    TECHNIQUE = "technique"
    PROMPTING = "prompting"
    FINDING = "finding"
    BENCHMARK = "benchmark"
    DATASET = "dataset"


class ConceptLink(StrEnum):
    """How a model is linked to a concept."""

    INTRODUCED = "introduced"
    USES = "uses"
    TRAINED_ON = "trained-on"
    EVALUATED_ON = "evaluated-on"


class ConceptRelation(StrEnum):
    """How a concept derives from an earlier one."""

    BUILDS_ON = "builds-on"
    PART_OF = "part-of"
    INSTANCE_OF = "instance-of"


# Each meaning: {"en": ..., "ko": ...}.
OBJECTIVE_MEANING: dict[str, dict[str, str]] = {
    "LM": {"en": "causal language modelling: predict the next token (GPT)",
           "ko": "인과적 언어 모델링: 다음 토큰 예측 (GPT)"},
    "MLM": {"en": "masked language modelling: predict hidden tokens from both sides (BERT)",
            "ko": "마스크 언어 모델링: 가려진 토큰을 양쪽 문맥으로 예측 (BERT)"},
    "text-to-text": {"en": "text-to-text denoising: an encoder-decoder rewrites corrupted text (T5, BART)",
                     "ko": "텍스트-투-텍스트 복원: 인코더-디코더가 훼손된 텍스트를 복원 (T5, BART)"},
    "RTD": {"en": "replaced-token detection: tell which tokens a generator replaced (ELECTRA)",
            "ko": "대체 토큰 탐지: 생성기가 바꿔 넣은 토큰을 판별 (ELECTRA)"},
    "PLM": {"en": "permutation language modelling: predict tokens in a random order of the sequence (XLNet)",
            "ko": "순열 언어 모델링: 무작위 순서로 토큰을 예측 (XLNet)"},
    "blank-infilling": {"en": "autoregressive blank infilling: fill in removed spans one token at a time (GLM)",
                        "ko": "자기회귀 빈칸 채우기: 지워진 구간을 한 토큰씩 생성해 채움 (GLM)"},
    "mixture": {"en": "a mixture of objectives, such as UL2's mixture of denoisers (UL2, PaLM 2)",
                "ko": "여러 목표의 혼합: UL2의 디노이저 혼합 등 (UL2, PaLM 2)"},
    "distillation": {"en": "distillation only: trained to imitate a teacher's outputs (TinyBERT, Gemma 3)",
                     "ko": "증류만 사용: 교사 모델의 출력을 흉내 내도록 학습 (TinyBERT, Gemma 3)"},
    "supervised": {"en": "no self-supervised pre-training: trained on a supervised task (the Transformer)",
                   "ko": "자기지도 사전학습 없음: 지도 학습 과제로 바로 학습 (트랜스포머)"},
    "diffusion": {"en": "discrete diffusion: denoise masked tokens over several steps (LLaDA, Gemini Diffusion)",
                  "ko": "이산 확산: 마스크된 토큰을 여러 단계에 걸쳐 복원 (LLaDA, Gemini Diffusion)"},
}

ARCHITECTURE_MEANING: dict[str, dict[str, str]] = {
    "encoder-only": {"en": "a Transformer encoder that reads the whole input at once (BERT)",
                     "ko": "입력 전체를 한 번에 읽는 트랜스포머 인코더 (BERT)"},
    "decoder-only": {"en": "a Transformer decoder that generates left to right (GPT)",
                     "ko": "왼쪽에서 오른쪽으로 생성하는 트랜스포머 디코더 (GPT)"},
    "encoder-decoder": {"en": "an encoder that reads and a decoder that writes (T5, BART)",
                        "ko": "읽는 인코더와 쓰는 디코더 (T5, BART)"},
    "recurrent": {"en": "a recurrent network (LSTM or RNN), no attention (ELMo, ULMFiT, RWKV)",
                  "ko": "어텐션 없는 순환 신경망(LSTM, RNN) (ELMo, ULMFiT, RWKV)"},
    "state-space": {"en": "a state-space model with no attention (Mamba)",
                    "ko": "어텐션 없는 상태 공간 모델 (Mamba)"},
}

RELATION_MEANING: dict[str, dict[str, str]] = {
    "successor": {"en": "a new generation by the same lab, trained anew",
                  "ko": "같은 연구소의 새 세대, 처음부터 새로 학습"},
    "architecture": {"en": "reuses the parent's architecture or recipe, trained from scratch",
                     "ko": "부모의 구조나 학습 방법을 쓰되 처음부터 학습"},
    "continued-pretraining": {"en": "more pre-training of the parent's weights on new data",
                              "ko": "부모의 가중치를 새 데이터로 추가 사전학습"},
    "fine-tuned": {"en": "supervised or instruction fine-tuning of the parent's weights",
                   "ko": "부모의 가중치를 지도 학습·지시 튜닝으로 미세조정"},
    "preference-tuned": {"en": "RLHF, DPO or other preference or reward tuning of the parent's weights",
                         "ko": "부모의 가중치를 RLHF, DPO 등 선호·보상 학습으로 조정"},
    "adapter": {"en": "LoRA or adapter layers on the parent's frozen weights",
                "ko": "고정된 부모 가중치 위에 LoRA나 어댑터를 학습"},
    "distilled": {"en": "a student trained to imitate the parent",
                  "ko": "부모를 흉내 내도록 학습한 학생 모델(증류)"},
    "merged": {"en": "weights merged from several parents",
               "ko": "여러 부모의 가중치를 병합"},
    "quantized": {"en": "a quantized copy of the parent's weights",
                  "ko": "부모 가중치를 양자화한 사본"},
    "trained-on-outputs": {"en": "trained on text generated by the parent",
                           "ko": "부모가 생성한 텍스트로 학습"},
    "product": {"en": "a product served on the parent model",
                "ko": "부모 모델로 서비스되는 제품"},
}

#: How to say "child <relation> parent" in a sentence.
RELATION_PHRASE: dict[str, dict[str, str]] = {
    "successor": {"en": "{child} succeeds {parent}", "ko": "{child}은(는) {parent}의 후속 모델"},
    "architecture": {"en": "{child} reuses the architecture of {parent}",
                     "ko": "{child}은(는) {parent}의 구조를 재사용"},
    "continued-pretraining": {"en": "{child} continues pre-training {parent}",
                              "ko": "{child}은(는) {parent}을(를) 추가 사전학습"},
    "fine-tuned": {"en": "{child} is fine-tuned from {parent}", "ko": "{child}은(는) {parent}을(를) 미세조정"},
    "preference-tuned": {"en": "{child} is preference-tuned from {parent}",
                         "ko": "{child}은(는) {parent}을(를) 선호 학습으로 조정"},
    "adapter": {"en": "{child} adds adapters to {parent}", "ko": "{child}은(는) {parent}에 어댑터를 추가"},
    "distilled": {"en": "{child} is distilled from {parent}", "ko": "{child}은(는) {parent}에서 증류"},
    "merged": {"en": "{child} merges the weights of {parent}", "ko": "{child}은(는) {parent}의 가중치를 병합"},
    "quantized": {"en": "{child} is a quantized copy of {parent}", "ko": "{child}은(는) {parent}의 양자화 사본"},
    "trained-on-outputs": {"en": "{child} is trained on outputs of {parent}",
                           "ko": "{child}은(는) {parent}의 출력으로 학습"},
    "product": {"en": "{child} is a product served on {parent}", "ko": "{child}은(는) {parent}로 서비스되는 제품"},
}

CONCEPT_KIND_MEANING: dict[str, dict[str, str]] = {
    "objective": {"en": "a pre-training objective", "ko": "사전학습 목표"},
    "architecture": {"en": "a part or kind of network architecture", "ko": "신경망 구조"},
    "technique": {"en": "a training or adaptation technique", "ko": "학습·적응 기법"},
    "prompting": {"en": "a way of prompting a trained model", "ko": "프롬프팅 방법"},
    "finding": {"en": "an empirical finding about models", "ko": "모델에 관한 경험적 발견"},
    "benchmark": {"en": "a benchmark or leaderboard", "ko": "벤치마크·리더보드"},
    "dataset": {"en": "a data set models are trained on", "ko": "학습 데이터셋"},
}

CONCEPT_LINK_MEANING: dict[str, dict[str, str]] = {
    "introduced": {"en": "the model's paper introduced the idea, or first applied it to a language model of its kind",
                   "ko": "모델의 논문이 처음 제안했거나, 그런 종류의 언어 모델에 처음 적용"},
    "uses": {"en": "the model is trained or built with it", "ko": "모델이 학습·구성에 사용"},
    "trained-on": {"en": "the model is trained on this data set", "ko": "모델이 이 데이터셋으로 학습"},
    "evaluated-on": {"en": "the model is evaluated on this benchmark", "ko": "모델이 이 벤치마크로 평가"},
}

CONCEPT_RELATION_MEANING: dict[str, dict[str, str]] = {
    "builds-on": {"en": "builds on the earlier idea", "ko": "앞선 아이디어를 발전시킴"},
    "part-of": {"en": "is one part of the larger idea", "ko": "더 큰 아이디어의 한 부분"},
    "instance-of": {"en": "is one way of doing the more general idea", "ko": "더 일반적인 아이디어의 한 방법"},
}

#: Relations through which a child starts from the parent's own weights, so
#: that an omitted objective or architecture is inherited from that parent.
WEIGHT_RELATIONS: frozenset[str] = frozenset(
    {"fine-tuned", "preference-tuned", "adapter", "continued-pretraining", "quantized"}
)

#: The concept a relation already implies: a model with such an edge uses the
#: concept, without the dataset saying so twice.
RELATION_CONCEPT: dict[str, str] = {
    "fine-tuned": "supervised-fine-tuning",
    "preference-tuned": "preference-tuning",
    "adapter": "parameter-efficient-fine-tuning",
    "distilled": "knowledge-distillation",
    "merged": "model-merging",
    "quantized": "quantization",
    "continued-pretraining": "continued-pretraining",
    "trained-on-outputs": "synthetic-data",
}

#: The concept an objective value stands for.
OBJECTIVE_CONCEPT: dict[str, str] = {
    "LM": "causal-language-modeling",
    "MLM": "masked-language-modeling",
    "text-to-text": "span-corruption",
    "RTD": "replaced-token-detection",
    "PLM": "permutation-language-modeling",
    "mixture": "mixture-of-denoisers",
    "distillation": "knowledge-distillation",
}

#: The only kind of concept a link may point at, where it is restricted.
LINK_KIND: dict[str, str] = {"trained-on": "dataset", "evaluated-on": "benchmark"}


def meaning(table: dict[str, dict[str, str]], value: str, language: str = "en") -> str:
    """``table[value]`` in ``language`` (English when that language is missing)."""
    entry = table[value]
    return entry.get(language) or entry["en"]


def choices(table: dict[str, dict[str, str]]) -> str:
    """``'a' (meaning), 'b' (meaning)``: a vocabulary for help texts and descriptions."""
    return "; ".join(f"{value}: {meanings['en']}" for value, meanings in table.items())

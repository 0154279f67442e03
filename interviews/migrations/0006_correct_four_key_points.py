"""Bring four questions' corrected key points (and one level) to databases loaded before them.

The corrections are in interviews/data/questions.json, which only a fresh load reads:
FlashAttention cuts memory traffic, not FLOPs, and the √d_k argument
(scaled-dot-product-attention); rotary position rotates queries and keys rather than being
added to the inputs (transformer-architecture); k-NN expects approximate nearest neighbour
indexes, so it is intermediate, not foundational (k-nearest-neighbors-complexity); and
calibration conflicts with equalized odds unless base rates are equal or prediction is
perfect (demographic-parity-vs-equalized-odds).

A field is changed only while it still holds the text it was loaded with, so a staff edit
made in the admin is never overwritten. The texts are copied here, not read from the data
file, so the migration means the same thing whatever the file says later.
"""

from django.db import migrations
from django.db.models import F

# slug -> (key points as loaded, key points corrected)
KEY_POINTS = {
    'scaled-dot-product-attention': (
        (
            'Project inputs to queries, keys and values, then compute softmax(QKᵀ/√d_k)·V.',
            'Scaling keeps dot products from growing with dimension, so the softmax does not saturate and gradients do not vanish.',
            'Masks remove padding positions and, for decoders, future tokens.',
            'Multiple heads attend in different learned subspaces; their outputs are concatenated and projected.',
            'Time is O(n²·d) and memory O(n²) in sequence length n, addressed by FlashAttention, sparse or linear attention, and the KV cache during decoding.',
        ),
        (
            'Project inputs to queries, keys and values, then compute softmax(QKᵀ/√d_k)·V.',
            'If query and key components are independent with mean 0 and variance 1, the dot product q·k sums d_k such products and has variance d_k; dividing by √d_k restores unit variance, so the softmax does not saturate into near one-hot weights with vanishing gradients.',
            'Masks remove padding positions and, for decoders, future tokens.',
            'Multiple heads attend in different learned subspaces; their outputs are concatenated and projected.',
            'Time is O(n²·d) and memory O(n²) in sequence length n; sparse, windowed or linear attention change the computation to cut that cost, and the KV cache avoids recomputing past keys and values during decoding.',
            'FlashAttention computes exact attention in tiles kept in on-chip SRAM and never writes the n×n score matrix to GPU memory: it cuts memory reads and writes, making attention faster and its extra memory linear in n, but does not reduce the FLOPs, which stay O(n²·d).',
        ),
    ),
    'transformer-architecture': (
        (
            'Inputs are token embeddings plus positional information (sinusoidal, learned or rotary).',
            'Each block has multi-head self-attention and a feed-forward network, with residual connections and layer normalization.',
            'Training runs in parallel over the whole sequence, unlike step-by-step recurrence, and any two positions connect directly.',
            'Variants: encoder-only (BERT-style), decoder-only with a causal mask (GPT-style) and encoder–decoder (T5-style).',
            'The cost of attention grows quadratically with sequence length.',
        ),
        (
            'Token embeddings carry no order, so position is injected: absolute encodings (sinusoidal or learned) are added to the input embeddings, while rotary position embeddings (RoPE), used by most recent LLMs, rotate the queries and keys in every attention layer so attention scores depend on relative position.',
            'Each block has multi-head self-attention and a feed-forward network, with residual connections and layer normalization.',
            'Training runs in parallel over the whole sequence, unlike step-by-step recurrence, and any two positions connect directly.',
            'Variants: encoder-only (BERT-style), decoder-only with a causal mask (GPT-style) and encoder–decoder (T5-style).',
            'The cost of attention grows quadratically with sequence length.',
        ),
    ),
    'k-nearest-neighbors-complexity': (
        (
            'It is a lazy learner: training just stores the data, so almost all the cost moves to prediction.',
            'A brute-force query costs O(n·d) for distances plus O(n log k) to keep the k closest with a heap.',
            'The distance metric and feature scaling strongly affect results; choose k by cross-validation.',
            'In high dimensions distances concentrate (curse of dimensionality), so reduce dimensions or learn embeddings first.',
            'Speed up with KD-trees or ball trees in low dimensions, and approximate nearest neighbor indexes (HNSW, IVF, product quantization) in high dimensions.',
        ),
        (
            'It is a lazy learner: training just stores the data, so almost all the cost moves to prediction.',
            'A brute-force query costs O(n·d) for distances plus O(n log k) to keep the k closest with a heap.',
            'The distance metric and feature scaling strongly affect results; choose k by cross-validation.',
            'In high dimensions distances concentrate (curse of dimensionality), so reduce dimensions or learn embeddings first.',
            'Speed up with KD-trees or ball trees in low dimensions (they degrade toward brute force as dimensions grow), and in high dimensions with approximate nearest neighbor indexes (HNSW, IVF, product quantization) that trade a little recall for large speedups.',
        ),
    ),
    'demographic-parity-vs-equalized-odds': (
        (
            'Demographic parity requires equal positive prediction rates across groups, regardless of true labels.',
            'Equalized odds requires equal true positive and false positive rates across groups; equal opportunity requires only equal true positive rates.',
            'Demographic parity ignores real differences in base rates; equalized odds relies on labels that may themselves be biased.',
            'When base rates differ, both can hold only if predictions carry no information about the label; calibration within groups likewise conflicts with equalized odds unless prediction is perfect.',
            'The right choice depends on the context, the harms of each error, the law and the views of affected people.',
        ),
        (
            'Demographic parity requires equal positive prediction rates across groups, regardless of true labels.',
            'Equalized odds requires equal true positive and false positive rates across groups; equal opportunity requires only equal true positive rates.',
            'Demographic parity ignores real differences in base rates; equalized odds relies on labels that may themselves be biased.',
            'When base rates differ, both can hold only if predictions carry no information about the label; calibration within groups likewise conflicts with equalized odds unless base rates are equal or prediction is perfect.',
            'The right choice depends on the context, the harms of each error, the law and the views of affected people.',
        ),
    ),
}

# slug -> (difficulty as loaded, corrected): only with the corrected key points it goes with.
DIFFICULTY = {"k-nearest-neighbors-complexity": (1, 2)}


def _lines(text):
    """The key points as the app reads them: admin edits save "\r\n" and may pad lines."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _correct(apps, *, forwards):
    Question = apps.get_model("interviews", "Question")
    changed = False
    for question in Question.objects.filter(slug__in=KEY_POINTS, owner__isnull=True):
        was, becomes = KEY_POINTS[question.slug]
        if not forwards:
            was, becomes = becomes, was
        fields = []
        if _lines(question.key_points) == was:
            question.key_points = "\n".join(becomes)
            fields.append("key_points")
        if question.slug in DIFFICULTY and _lines(question.key_points) == becomes:
            level_was, level_becomes = DIFFICULTY[question.slug]
            if not forwards:
                level_was, level_becomes = level_becomes, level_was
            if question.difficulty == level_was:
                question.difficulty = level_becomes
                fields.append("difficulty")
        if fields:
            question.save(update_fields=fields)
            changed = True
    if changed:
        # Content caches are keyed by the content version (config.sitewide.caching).
        ContentVersion = apps.get_model("sitewide", "ContentVersion")
        if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
            ContentVersion.objects.create(pk=1, version=2)


def correct_key_points(apps, schema_editor):
    _correct(apps, forwards=True)


def restore_key_points(apps, schema_editor):
    _correct(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0005_keep_users_data_and_count_ratings_once"),
        ("sitewide", "0001_initial"),
    ]

    operations = [migrations.RunPython(correct_key_points, restore_key_points)]

"""Language resources that every stage shares: text in, words, stems, stop words and
case-folded copies out.

Today English: :mod:`.words` (tokenizer, stop words, stemmer) and :mod:`.casefold` (a
length-preserving fold for fast word-list matching). Per-language segmentation, stemming,
stop words and transliteration belong here, so that a stage asks for "the words of this
text in its language" and never keeps a word list of its own.
"""

package io.newsflow.contract;

/**
 * A keyphrase of an article.
 *
 * @param text  display form, as written in the article ({@code coopération militaire}, {@code Israël})
 * @param slug  lower case ASCII form for filters and URLs ({@code cooperation-militaire}, {@code israel})
 * @param score relevance in [0, 1], higher is better; keywords are listed best first
 */
public record Keyword(String text, String slug, double score) {
}

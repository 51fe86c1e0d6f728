package io.newsflow.ingest;

/** A valid key used for an article another publisher owns (docs/adr/0009); answered with 403. */
public class ForbiddenArticleException extends RuntimeException {

    public ForbiddenArticleException(String message) {
        super(message);
    }

    static ForbiddenArticleException ownedBy(String publisher, String articleId) {
        return new ForbiddenArticleException(
                "Article " + articleId + " was first pushed by another publisher; the key of "
                        + publisher + " may not change it.");
    }

    static ForbiddenArticleException hostClaimed(String publisher, String host) {
        return new ForbiddenArticleException(
                "Articles at " + host + " belong to the publishers configured for that host; "
                        + "the key of " + publisher + " is not one of them.");
    }
}

package io.newsflow.extraction;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.newsflow.extraction.BlockTree.Box;
import io.newsflow.extraction.BlockTree.Item;
import io.newsflow.extraction.BlockTree.Run;

/**
 * Finds the article body as the stretch of sibling blocks whose text values add up highest, the tree form of maximum
 * subsequence segmentation (Pasternack and Roth, "Extracting article text from the web with maximum subsequence
 * segmentation", WWW 2009): prose counts for the stretch, menus, labels and link lists against it, so the best
 * stretch takes in every paragraph of the article, and the sub-headings and adverts between them, but stops where
 * the page around it starts. Taking whole sibling blocks does what Readability's sibling merging does, without its
 * thresholds.
 * <p>
 * Class names, ids, roles and tags then weigh in: a block the page calls a sidebar, a share bar, comments or related
 * articles counts wholly against the stretch, whatever its text, and so does a teaser card; the article's own
 * furniture (byline, caption) counts for nothing either way. A hint is ignored on a block that holds most of the
 * page's prose, since a wrapper called "layout-w-sidebar" or a page-wide {@code <form>} is no sidebar.
 */
final class MainContent {

    /**
     * A block holding more than this share of the page's prose, and a block called content inside, is the article's
     * container whatever its name. Without a block called content it must hold nearly all the prose: a comment thread
     * can be longer than the post it follows.
     */
    private static final double DOMINANT_SHARE = 0.5;
    private static final double OVERWHELMING_SHARE = 0.8;
    private static final int MAX_TEASER_LENGTH = 600;
    private static final int MIN_HEADLINE_LENGTH = 15;

    /**
     * The body: items {@code from} to {@code to} of {@code box}.
     *
     * @param boilerplate the boxes the hints turned against the article, to leave out of its text
     */
    record Region(Box box, int from, int to, Set<Box> boilerplate) {
    }

    private final double pageProse;
    private final Set<Box> boilerplate = Collections.newSetFromMap(new IdentityHashMap<>());
    private Box bestBox;
    private int bestFrom;
    private int bestTo;
    private double[] bestValues;
    private double bestValue = Double.NEGATIVE_INFINITY;

    private MainContent(Box root) {
        this.pageProse = root.prose;
    }

    static Region find(Box root) {
        MainContent finder = new MainContent(root);
        finder.value(root, false);
        if (finder.bestBox == null) {
            return new Region(root, 0, root.items.size() - 1, finder.boilerplate);
        }
        finder.widen();
        return new Region(finder.bestBox, finder.bestFrom, finder.bestTo, finder.boilerplate);
    }

    /**
     * Takes in the short text on either side of the best stretch, up to the first link list or boilerplate block: a
     * closing bullet list, a table or a lone heading weigh against the stretch as labels do, yet an article that
     * ends with a list of facts ends with them. The article's own furniture (tags, captions), which weighs nothing,
     * is crossed too, to be read and left out later; so are the byline and dateline, which {@link ArticleBody}
     * reads off.
     */
    private void widen() {
        while (bestFrom > 0 && isShortText(bestFrom - 1)) {
            bestFrom--;
        }
        while (bestTo < bestValues.length - 1 && isShortText(bestTo + 1)) {
            bestTo++;
        }
    }

    private boolean isShortText(int index) {
        return bestValues[index] >= BlockTree.LABEL_WEIGHT * bestBox.items.get(index).chars;
    }

    private boolean isBoilerplate(Box box) {
        if ((box.hints & ContentHints.BOILERPLATE) == 0 && !isTeaser(box)) {
            return false;
        }
        double share = pageProse == 0 ? 0 : box.prose / pageProse;
        return share <= DOMINANT_SHARE || share <= OVERWHELMING_SHARE && !box.holdsContent;
    }

    /**
     * A card in a list of other articles: a linked headline first (perhaps after a linked section label), then a
     * sentence or two of teaser, all in one small block. An article paragraph that starts with a link has the link in
     * the same run as its text; a listicle's linked sub-headings are siblings of their paragraphs, in a large block.
     */
    static boolean isTeaser(Box box) {
        return box.chars <= MAX_TEASER_LENGTH && box.prose > 0
                && (isLinkedHeadline(box.lead) || isLinkedHeadline(box.secondLead));
    }

    private static boolean isLinkedHeadline(Run run) {
        return run != null && run.chars >= MIN_HEADLINE_LENGTH && run.linkDensity() > BlockTree.MAX_LINK_DENSITY;
    }

    /** The box's value to its parent; stretches inside boilerplate are never the body, however long. */
    private double value(Box box, boolean inBoilerplate) {
        boolean isBoilerplate = isBoilerplate(box);
        double[] values = new double[box.items.size()];
        for (int i = 0; i < values.length; i++) {
            Item item = box.items.get(i);
            values[i] = item instanceof Run run ? run.value : value((Box) item, inBoilerplate || isBoilerplate);
        }
        if (isBoilerplate) {
            boilerplate.add(box);
            // A caption or a byline is left out of the text but, unlike a menu, says nothing about where it ends.
            return (box.hints & ContentHints.FURNITURE) != 0 ? 0 : -box.chars;
        }
        // Kadane's maximum subarray over the box's items; a deeper box found first keeps a tie.
        double sum = 0;
        double running = 0;
        int start = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (running <= 0) {
                running = values[i];
                start = i;
            } else {
                running += values[i];
            }
            if (running > bestValue && !inBoilerplate) {
                bestValue = running;
                bestValues = values;
                bestBox = box;
                bestFrom = start;
                bestTo = i;
            }
        }
        return sum;
    }
}

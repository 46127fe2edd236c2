package org.certbound.server.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/** Reads one live document by {@code _id} straight from the postings, without running a query. */
final class DocumentLookup {
    private DocumentLookup() {}

    static GetResult get(SearcherManager manager, String index, String id) {
        try {
            IndexSearcher searcher = manager.acquire();
            try {
                return get(searcher, index, id);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read document [" + id + "] of index [" + index + "]", e);
        }
    }

    private static GetResult get(IndexSearcher searcher, String index, String id) throws IOException {
        BytesRef term = new BytesRef(id);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            Terms terms = reader.terms(IndexShard.ID_FIELD);
            if (terms == null) {
                continue;
            }
            TermsEnum termsEnum = terms.iterator();
            if (!termsEnum.seekExact(term)) {
                continue;
            }
            PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
            Bits liveDocs = reader.getLiveDocs();
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (liveDocs == null || liveDocs.get(doc)) {
                    return read(reader, index, id, doc);
                }
            }
        }
        return GetResult.notFound(index, id);
    }

    private static GetResult read(LeafReader reader, String index, String id, int doc) throws IOException {
        long version = numericValue(reader.getNumericDocValues(IndexShard.VERSION_FIELD), doc);
        long seqNo = numericValue(reader.getNumericDocValues(IndexShard.SEQ_NO_FIELD), doc);
        BytesRef source = reader.storedFields().document(doc).getBinaryValue(IndexShard.SOURCE_FIELD);
        byte[] bytes = new byte[source.length];
        System.arraycopy(source.bytes, source.offset, bytes, 0, source.length);
        return new GetResult(index, id, true, version, seqNo, IndexShard.toJson(bytes));
    }

    private static long numericValue(NumericDocValues values, int doc) throws IOException {
        return values != null && values.advanceExact(doc) ? values.longValue() : -1;
    }
}

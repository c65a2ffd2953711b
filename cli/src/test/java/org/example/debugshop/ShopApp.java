package org.example.debugshop;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * An application outside jvicorn's packages, for the debug page: its frames are the application's. {@code /checkout}
 * fails with a chain of two exceptions whose messages hold markup; everything else answers "shop".
 */
public class ShopApp implements Application {
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope http)) {
            throw new IllegalArgumentException("http only");
        }
        if (http.path().equals("/checkout")) {
            new Cart(42).checkout();
        }
        send.send(new HttpResponseStart(200, List.of(Header.of("content-length", "4"))));
        send.send(HttpResponseBody.of("shop"));
    }

    /** A cart whose payment always fails. */
    record Cart(int id) {
        void checkout() {
            try {
                charge();
            } catch (UncheckedIOException e) {
                throw new IllegalStateException("cannot check out cart <" + id + ">: payment declined", e);
            }
        }

        private void charge() {
            throw new UncheckedIOException(new IOException("payment service at 'pay.example' answered 503 & closed"));
        }
    }
}

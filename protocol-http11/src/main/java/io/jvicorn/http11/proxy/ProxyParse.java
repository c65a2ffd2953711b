package io.jvicorn.http11.proxy;

/** What {@link ProxyHeaderParser} produces once it has decided: a {@link ProxyHeader} or a {@link ProxyRejection}. */
public sealed interface ProxyParse permits ProxyHeader, ProxyRejection {
}

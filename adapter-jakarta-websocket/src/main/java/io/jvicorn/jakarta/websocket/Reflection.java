package io.jvicorn.jakarta.websocket;

import java.lang.reflect.InvocationTargetException;

/** Creating the classes a deployment names (endpoints, encoders, decoders, configurators). */
final class Reflection {
    private Reflection() {
    }

    /**
     * Creates an instance with the public no-argument constructor.
     *
     * @throws InstantiationException naming the class and why, with the cause attached
     */
    static <T> T instantiate(Class<T> c) throws InstantiationException {
        try {
            return c.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw withCause(new InstantiationException(c.getName() + " has no public no-argument constructor"), e);
        } catch (InvocationTargetException e) {
            throw withCause(new InstantiationException(c.getName() + "'s constructor failed: " + e.getCause()),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw withCause(new InstantiationException(c.getName() + " cannot be instantiated: " + e), e);
        }
    }

    private static InstantiationException withCause(InstantiationException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }
}

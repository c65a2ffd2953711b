package io.jvicorn.cli.reload;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The class loader of one in-process reload: the application's own classes and resources come from its class path
 * first, even when jvicorn's class path holds copies too (otherwise the old copies would be found again and nothing
 * would reload), while what the server and the application must share comes from the parent: the JDK (through the
 * platform loader) and jvicorn's API ({@code io.jvicorn.asgi}, {@code io.jvicorn.http}, the API module's packages,
 * and jspecify's annotations), so an application class compiled against {@code Application} is one the server can
 * call. Servlet containers isolate web applications the same way (Tomcat's web application loader).
 */
public final class ChildFirstClassLoader extends URLClassLoader {
    /** Packages always taken from the parent: the types that cross between server and application. */
    private static final List<String> SHARED_PACKAGES = List.of("io.jvicorn.asgi.", "io.jvicorn.http.",
            "org.jspecify.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

    /**
     * @param name   the loader's name, shown in stack traces and heap dumps
     * @param urls   the application's class directories and jars
     * @param parent jvicorn's own loader, where the API comes from
     */
    public ChildFirstClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    private static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = isShared(name) ? getParent().loadClass(name) : loadOwnFirst(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private Class<?> loadOwnFirst(String name) throws ClassNotFoundException {
        try {
            return platform.loadClass(name); // java.*, javax.*, jdk.*: never the application's copy
        } catch (ClassNotFoundException notPlatform) {
            try {
                return findClass(name);
            } catch (ClassNotFoundException notOwn) {
                return getParent().loadClass(name);
            }
        }
    }

    @Override
    public @Nullable URL getResource(String name) {
        URL own = isShared(name.replace('/', '.')) ? null : findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
        Set<String> seen = new HashSet<>();
        urls.forEach(url -> seen.add(url.toExternalForm())); // URL.equals may resolve host names
        for (URL url : Collections.list(getParent().getResources(name))) {
            if (seen.add(url.toExternalForm())) {
                urls.add(url);
            }
        }
        return Collections.enumeration(urls);
    }
}

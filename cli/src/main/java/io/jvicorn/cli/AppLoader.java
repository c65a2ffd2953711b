package io.jvicorn.cli;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.AsyncApplication;
import io.jvicorn.cli.reload.ChildFirstClassLoader;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Loads the application named by an import string, Uvicorn's {@code "<module>:<attribute>"} read the Java way.
 *
 * <ul>
 *   <li>{@code com.example:App}: the class {@code com.example.App}, an {@link Application} (or
 *       {@link AsyncApplication}) with a no-arg constructor;</li>
 *   <li>{@code com.example.Main:app}: the static field {@code app} of {@code com.example.Main}, or its static no-arg
 *       method {@code app()}, holding or returning the application; a nested class works the same way;</li>
 *   <li>with {@code factory}: the attribute is a static no-arg method, or a class implementing
 *       {@code Supplier<Application>}, called to produce the application.</li>
 * </ul>
 *
 * <p>The attribute may be dotted ({@code com.example:Main.app}). Classes come from the {@code --app-dir} directories
 * and jars first searched through jvicorn's own class loader.
 */
public final class AppLoader {
    private static final System.Logger LOG = System.getLogger(CliLogging.ERROR_LOGGER);
    private static final String PREFIX = "Error loading ASGI app. ";

    private final List<Path> classPath;
    private final URLClassLoader classLoader;

    /**
     * Creates a class loader over {@code classPath}; nothing is loaded yet.
     *
     * @param classPath the {@code --app-dir} entries: class directories and jars
     * @param parent    the loader asked first; jvicorn's own classes must be visible through it
     */
    public AppLoader(List<Path> classPath, ClassLoader parent) {
        this.classPath = List.copyOf(classPath);
        this.classLoader = new URLClassLoader("jvicorn-app", urls(this.classPath), parent);
    }

    private AppLoader(List<Path> classPath, URLClassLoader classLoader) {
        this.classPath = List.copyOf(classPath);
        this.classLoader = classLoader;
    }

    /**
     * A loader for an in-process reload: the application's classes come from {@code classPath} first, in a fresh
     * {@link ChildFirstClassLoader}, so that a changed class is loaded anew even if jvicorn's class path has it too.
     *
     * @param classPath the application's class directories and jars
     * @param parent    jvicorn's own loader, where the API and the JDK come from
     * @param name      the loader's name, such as {@code jvicorn-app-2}
     * @return a loader that has loaded nothing yet
     */
    public static AppLoader childFirst(List<Path> classPath, ClassLoader parent, String name) {
        return new AppLoader(classPath, new ChildFirstClassLoader(name, urls(classPath), parent));
    }

    private static URL[] urls(List<Path> classPath) {
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = classPath.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("cannot use " + classPath.get(i) + " as a class path entry", e);
            }
        }
        return urls;
    }

    /**
     * Closes the class loader's open jars: once its application has retired, so that a rebuilt jar is read afresh and
     * no file stays open. Classes already loaded stay usable.
     */
    public void close() {
        try {
            classLoader.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the application''s class loader: {0}", e.toString());
        }
    }

    /**
     * The loader over the {@code --app-dir} entries; make it the context class loader of the application's threads.
     *
     * @return the loader the application's classes come from
     */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /**
     * Finds and instantiates the application.
     *
     * @param importString {@code "<module>:<attribute>"}
     * @param factory      whether the attribute is a factory to call ({@code --factory})
     * @return the application, async ones adapted with {@link Application#fromAsync}
     * @throws AppLoadException with Uvicorn's message when the string is malformed, the module or attribute is
     *                          missing, or the attribute is not an application
     */
    public Application load(String importString, boolean factory) throws AppLoadException {
        int colon = importString.indexOf(':');
        String module = colon < 0 ? "" : importString.substring(0, colon);
        String attributes = colon < 0 ? "" : importString.substring(colon + 1);
        if (module.isEmpty() || attributes.isEmpty()) {
            throw new AppLoadException(PREFIX + "Import string \"" + importString
                    + "\" must be in format \"<module>:<attribute>\".", null);
        }
        Object target = resolve(module, attributes);
        String description = "\"" + attributes + "\" in module \"" + module + "\"";
        if (target instanceof Class<?> type) {
            return fromClass(type, factory);
        }
        if (target instanceof Method method) {
            return toApplication(invoke(method), description, factory, true);
        }
        return toApplication(target, description, factory, false);
    }

    /** Walks module and dotted attributes to a class, a static no-arg method or a static field's value. */
    private Object resolve(String module, String attributes) throws AppLoadException {
        List<String> tried = new ArrayList<>();
        String[] parts = attributes.split("\\.", -1);
        int next = 0;
        Class<?> current = tryLoad(module, module, tried);
        if (current == null) {
            // The module is a package: its first attribute names a class in it.
            current = tryLoad(module + "." + parts[0], module, tried);
            if (current == null) {
                if (packageExists(module)) {
                    throw attributeNotFound(attributes, module);
                }
                throw couldNotImport(module, tried);
            }
            next = 1;
        }
        Object target = current;
        for (int i = next; i < parts.length; i++) {
            if (!(target instanceof Class<?> owner)) {
                throw attributeNotFound(attributes, module);
            }
            target = member(owner, parts[i], module, attributes, tried);
        }
        return target;
    }

    /** A static field's value, a static no-arg method, or a nested class. */
    private Object member(Class<?> owner, String name, String module, String attributes, List<String> tried)
            throws AppLoadException {
        Field field = findField(owner, name);
        if (field != null) {
            if (!Modifier.isStatic(field.getModifiers())) {
                throw new AppLoadException(PREFIX + "Attribute \"" + attributes + "\" in module \"" + module
                        + "\" is an instance field; make it static.", null);
            }
            try {
                return requireNonNull(field.get(null), attributes, module);
            } catch (IllegalAccessException e) {
                throw notAccessible(attributes, module, e);
            }
        }
        Method method = findMethod(owner, name);
        if (method != null) {
            if (!Modifier.isStatic(method.getModifiers())) {
                throw new AppLoadException(PREFIX + "Attribute \"" + attributes + "\" in module \"" + module
                        + "\" is an instance method; make it static.", null);
            }
            return method;
        }
        for (Method candidate : owner.getDeclaredMethods()) {
            if (candidate.getName().equals(name)) {
                throw new AppLoadException(PREFIX + "Attribute \"" + attributes + "\" in module \"" + module
                        + "\" is a method with parameters; it must take none.", null);
            }
        }
        Class<?> nested = tryLoad(owner.getName() + "$" + name, module, tried);
        if (nested != null) {
            return nested;
        }
        throw attributeNotFound(attributes, module);
    }

    private Application fromClass(Class<?> type, boolean factory) throws AppLoadException {
        String description = "class \"" + type.getName() + "\"";
        boolean isApplication = Application.class.isAssignableFrom(type)
                || AsyncApplication.class.isAssignableFrom(type);
        boolean isSupplier = Supplier.class.isAssignableFrom(type);
        if (isApplication && !(factory && isSupplier)) {
            if (factory) {
                throw new AppLoadException("Error loading ASGI app factory: " + description
                        + " is an application, not a factory. Drop --factory, or name a static no-arg method or a "
                        + "class implementing Supplier<Application>.", null);
            }
            return toApplication(instantiate(type), description, false, false);
        }
        if (isSupplier) {
            return toApplication(instantiate(type), description, factory, false);
        }
        throw new AppLoadException(PREFIX + description + " implements neither " + Application.class.getName()
                + " nor " + AsyncApplication.class.getName() + (factory ? " nor Supplier<Application>." : "."), null);
    }

    /**
     * Turns what the attribute gave into an application; a Supplier is called, with Uvicorn's warning when
     * {@code --factory} was not given.
     */
    private Application toApplication(Object value, String description, boolean factory, boolean alreadyCalled)
            throws AppLoadException {
        boolean isApplication = value instanceof Application || value instanceof AsyncApplication;
        if (value instanceof Supplier<?> supplier && !alreadyCalled && (factory || !isApplication)) {
            if (!factory) {
                LOG.log(System.Logger.Level.WARNING, "ASGI app factory detected. Using it, but please consider "
                        + "setting the --factory flag explicitly.");
            }
            Object produced;
            try {
                produced = supplier.get();
            } catch (RuntimeException | Error e) {
                throw new AppLoadException(PREFIX + "The factory " + description + " threw " + e, e);
            }
            if (produced == null) {
                throw new AppLoadException(PREFIX + "The factory " + description + " returned null.", null);
            }
            return toApplication(produced, description, true, true);
        }
        if (factory && !alreadyCalled) {
            throw new AppLoadException("Error loading ASGI app factory: " + description + " is not a factory. "
                    + "Drop --factory, or name a static no-arg method or a Supplier<Application>.", null);
        }
        if (value instanceof Application application) {
            return application;
        }
        if (value instanceof AsyncApplication asyncApplication) {
            return Application.fromAsync(asyncApplication);
        }
        throw new AppLoadException(PREFIX + description + " is a " + value.getClass().getName() + ", not an "
                + Application.class.getName() + " or " + AsyncApplication.class.getName() + ".", null);
    }

    private static Object instantiate(Class<?> type) throws AppLoadException {
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new AppLoadException(PREFIX + "Class \"" + type.getName()
                    + "\" is abstract or an interface; name a concrete class.", null);
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new AppLoadException(PREFIX + "Class \"" + type.getName()
                    + "\" needs a public no-arg constructor.", e);
        }
        if (!constructor.trySetAccessible()) {
            throw new AppLoadException(PREFIX + "The no-arg constructor of \"" + type.getName()
                    + "\" is not accessible; make it and the class public.", null);
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new AppLoadException(PREFIX + "Creating \"" + type.getName() + "\" threw " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AppLoadException(PREFIX + "Cannot create \"" + type.getName() + "\": " + e, e);
        }
    }

    private static Object invoke(Method method) throws AppLoadException {
        String name = method.getDeclaringClass().getName() + "." + method.getName() + "()";
        try {
            Object result = method.invoke(null);
            if (result == null) {
                throw new AppLoadException(PREFIX + name + " returned null.", null);
            }
            return result;
        } catch (InvocationTargetException e) {
            throw new AppLoadException(PREFIX + name + " threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new AppLoadException(PREFIX + name + " is not accessible; make it and its class public.", e);
        }
    }

    private static @Nullable Field findField(Class<?> owner, String name) {
        Field field;
        try {
            field = owner.getField(name);
        } catch (NoSuchFieldException e) {
            try {
                field = owner.getDeclaredField(name);
            } catch (NoSuchFieldException e2) {
                return null;
            }
        }
        field.trySetAccessible();
        return field;
    }

    private static @Nullable Method findMethod(Class<?> owner, String name) {
        Method method;
        try {
            method = owner.getMethod(name);
        } catch (NoSuchMethodException e) {
            try {
                method = owner.getDeclaredMethod(name);
            } catch (NoSuchMethodException e2) {
                return null;
            }
        }
        method.trySetAccessible();
        return method;
    }

    private @Nullable Class<?> tryLoad(String className, String module, List<String> tried) throws AppLoadException {
        tried.add(className);
        try {
            return Class.forName(className, true, classLoader);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (LinkageError e) {
            // Found but unusable: compiled for a newer Java, a missing dependency, a failing static initializer.
            throw new AppLoadException(PREFIX + "Could not import module \"" + module + "\": loading " + className
                    + " failed with " + e, e);
        }
    }

    private boolean packageExists(String packageName) {
        String path = packageName.replace('.', '/');
        return classLoader.getResource(path + "/") != null || classLoader.getResource(path) != null;
    }

    private static Object requireNonNull(@Nullable Object value, String attributes, String module)
            throws AppLoadException {
        if (value == null) {
            throw new AppLoadException(PREFIX + "Attribute \"" + attributes + "\" in module \"" + module
                    + "\" is null.", null);
        }
        return value;
    }

    private static AppLoadException notAccessible(String attributes, String module, Exception cause) {
        return new AppLoadException(PREFIX + "Attribute \"" + attributes + "\" in module \"" + module
                + "\" is not accessible; make it and its class public.", cause);
    }

    private static AppLoadException attributeNotFound(String attributes, String module) {
        return new AppLoadException(PREFIX + "Attribute \"" + attributes + "\" not found in module \"" + module
                + "\".", null);
    }

    private AppLoadException couldNotImport(String module, List<String> tried) {
        StringBuilder message = new StringBuilder(PREFIX).append("Could not import module \"").append(module)
                .append("\".\n  Looked for the classes ").append(String.join(" and ", tried)).append("\n  in ");
        if (classPath.isEmpty()) {
            message.append("jvicorn's own class path (no --app-dir).");
        } else {
            message.append("--app-dir ");
            for (int i = 0; i < classPath.size(); i++) {
                Path entry = classPath.get(i);
                message.append(i == 0 ? "" : ", ").append(entry);
                if (!Files.exists(entry)) {
                    message.append(" (missing)");
                }
            }
            message.append(" and jvicorn's own class path.");
        }
        return new AppLoadException(message.append("\n  Compile the application and pass the directory or jar that ")
                .append("holds it with --app-dir, for example --app-dir target/classes.").toString(), null);
    }
}

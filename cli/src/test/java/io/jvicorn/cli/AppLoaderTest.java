package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.cli.testapps.AsyncApp;
import io.jvicorn.cli.testapps.Holder;
import io.jvicorn.cli.testapps.PlainApp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppLoaderTest {
    private static final String PKG = "io.jvicorn.cli.testapps";

    private final AppLoader loader = new AppLoader(List.of(), AppLoaderTest.class.getClassLoader());

    private String loadError(String importString, boolean factory) {
        return assertThrows(AppLoadException.class, () -> loader.load(importString, factory)).getMessage();
    }

    @Test
    void loadsAClassInAPackage() throws Exception {
        assertInstanceOf(PlainApp.class, loader.load(PKG + ":PlainApp", false));
    }

    @Test
    void adaptsAnAsyncApplication() throws Exception {
        Application app = loader.load(PKG + ":AsyncApp", false);
        int before = AsyncApp.CALLS.get();
        app.call(new LifespanScope(AsgiVersion.LIFESPAN, new HashMap<>()), () -> null, event -> { });
        assertEquals(before + 1, AsyncApp.CALLS.get());
    }

    @Test
    void loadsAStaticField() throws Exception {
        assertSame(Holder.app, loader.load(PKG + ".Holder:app", false));
    }

    @Test
    void loadsADottedAttribute() throws Exception {
        assertSame(Holder.app, loader.load(PKG + ":Holder.app", false));
    }

    @Test
    void callsAStaticNoArgMethodWithOrWithoutFactory() throws Exception {
        assertInstanceOf(PlainApp.class, loader.load(PKG + ".Holder:create", false));
        assertInstanceOf(PlainApp.class, loader.load(PKG + ".Holder:create", true));
    }

    @Test
    void loadsANestedClass() throws Exception {
        assertInstanceOf(Holder.Nested.class, loader.load(PKG + ".Holder:Nested", false));
    }

    @Test
    void callsASupplierClassWithFactory() throws Exception {
        try (WarningCapture warnings = new WarningCapture()) {
            assertInstanceOf(PlainApp.class, loader.load(PKG + ":AppFactory", true));
            assertEquals(List.of(), warnings.messages);
        }
    }

    @Test
    void callsASupplierWithoutFactoryButWarnsAsUvicornDoes() throws Exception {
        try (WarningCapture warnings = new WarningCapture()) {
            assertInstanceOf(PlainApp.class, loader.load(PKG + ":AppFactory", false));
            assertInstanceOf(PlainApp.class, loader.load(PKG + ".Holder:supplier", false));
            String warning = "ASGI app factory detected. Using it, but please consider setting the --factory flag "
                    + "explicitly.";
            assertEquals(List.of(warning, warning), warnings.messages);
        }
    }

    @Test
    void callsASupplierFieldWithFactory() throws Exception {
        assertInstanceOf(PlainApp.class, loader.load(PKG + ".Holder:supplier", true));
    }

    @Test
    void factoryRejectsAPlainApplication() {
        assertEquals("Error loading ASGI app factory: class \"" + PKG + ".PlainApp\" is an application, not a "
                        + "factory. Drop --factory, or name a static no-arg method or a class implementing "
                        + "Supplier<Application>.",
                loadError(PKG + ":PlainApp", true));
        assertEquals("Error loading ASGI app factory: \"app\" in module \"" + PKG + ".Holder\" is not a factory. "
                        + "Drop --factory, or name a static no-arg method or a Supplier<Application>.",
                loadError(PKG + ".Holder:app", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nocolon", ":PlainApp", PKG + ":", ""})
    void rejectsAMalformedImportString(String importString) {
        assertEquals("Error loading ASGI app. Import string \"" + importString
                + "\" must be in format \"<module>:<attribute>\".", loadError(importString, false));
    }

    @Test
    void reportsAMissingModuleWithWhatWasTriedAndHowToFixIt(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir");
        AppLoader withAppDirs = new AppLoader(List.of(dir, missing), AppLoaderTest.class.getClassLoader());
        AppLoadException e = assertThrows(AppLoadException.class,
                () -> withAppDirs.load("com.example.shop:App", false));
        assertEquals("Error loading ASGI app. Could not import module \"com.example.shop\".\n"
                + "  Looked for the classes com.example.shop and com.example.shop.App\n"
                + "  in --app-dir " + dir + ", " + missing + " (missing) and jvicorn's own class path.\n"
                + "  Compile the application and pass the directory or jar that holds it with --app-dir, for "
                + "example --app-dir target/classes.", e.getMessage());
    }

    @Test
    void reportsAMissingAttributeOfAClassOrPackage() {
        assertEquals("Error loading ASGI app. Attribute \"nothing\" not found in module \"" + PKG + ".Holder\".",
                loadError(PKG + ".Holder:nothing", false));
        assertEquals("Error loading ASGI app. Attribute \"Nope\" not found in module \"" + PKG + "\".",
                loadError(PKG + ":Nope", false));
        assertEquals("Error loading ASGI app. Attribute \"app.more\" not found in module \"" + PKG + ".Holder\".",
                loadError(PKG + ".Holder:app.more", false));
    }

    @Test
    void explainsAttributesThatAreNotApplications() {
        assertEquals("Error loading ASGI app. \"text\" in module \"" + PKG + ".Holder\" is a java.lang.String, not "
                + "an io.jvicorn.asgi.Application or io.jvicorn.asgi.AsyncApplication.",
                loadError(PKG + ".Holder:text", false));
        assertEquals("Error loading ASGI app. Attribute \"missing\" in module \"" + PKG + ".Holder\" is null.",
                loadError(PKG + ".Holder:missing", false));
        assertEquals("Error loading ASGI app. Attribute \"instanceApp\" in module \"" + PKG + ".Holder\" is an "
                + "instance field; make it static.", loadError(PKG + ".Holder:instanceApp", false));
        assertEquals("Error loading ASGI app. Attribute \"named\" in module \"" + PKG + ".Holder\" is a method "
                + "with parameters; it must take none.", loadError(PKG + ".Holder:named", false));
        assertEquals("Error loading ASGI app. class \"" + PKG + ".Unusable$NotAnApp\" implements neither "
                + "io.jvicorn.asgi.Application nor io.jvicorn.asgi.AsyncApplication.",
                loadError(PKG + ".Unusable:NotAnApp", false));
        assertEquals("Error loading ASGI app. Class \"" + PKG + ".Unusable$NeedsArgument\" needs a public no-arg "
                + "constructor.", loadError(PKG + ".Unusable:NeedsArgument", false));
        assertEquals("Error loading ASGI app. Class \"" + PKG + ".Unusable$AbstractApp\" is abstract or an "
                + "interface; name a concrete class.", loadError(PKG + ".Unusable:AbstractApp", false));
    }

    @Test
    void passesOnWhatTheApplicationThrew() {
        AppLoadException fromConstructor = assertThrows(AppLoadException.class,
                () -> loader.load(PKG + ".Unusable:FailingConstructor", false));
        assertEquals("Error loading ASGI app. Creating \"" + PKG + ".Unusable$FailingConstructor\" threw "
                + "java.lang.IllegalStateException: config file missing", fromConstructor.getMessage());
        assertInstanceOf(IllegalStateException.class, fromConstructor.getCause());

        AppLoadException fromMethod = assertThrows(AppLoadException.class,
                () -> loader.load(PKG + ".Holder:broken", false));
        assertEquals("Error loading ASGI app. " + PKG + ".Holder.broken() threw "
                + "java.lang.IllegalStateException: database unreachable", fromMethod.getMessage());
    }

    @Test
    void loadsFromAClassesDirectoryGivenAsAppDir(@TempDir Path dir) throws Exception {
        compileGreeter(dir);
        AppLoader withAppDir = new AppLoader(List.of(dir), AppLoaderTest.class.getClassLoader());

        Application app = withAppDir.load("demo.greeter:GreeterApp", false);
        assertSame(withAppDir.classLoader(), app.getClass().getClassLoader());
        assertThrows(AppLoadException.class, () -> loader.load("demo.greeter:GreeterApp", false),
                "not visible without --app-dir");
    }

    @Test
    void loadsFromAJarGivenAsAppDir(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        compileGreeter(classes);
        Path jar = dir.resolve("greeter.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("demo/"));
            out.putNextEntry(new JarEntry("demo/greeter/"));
            out.putNextEntry(new JarEntry("demo/greeter/GreeterApp.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/greeter/GreeterApp.class")));
        }
        AppLoader withJar = new AppLoader(List.of(jar), AppLoaderTest.class.getClassLoader());

        assertNotNull(withJar.load("demo.greeter:GreeterApp", false));
        assertEquals("Error loading ASGI app. Attribute \"Other\" not found in module \"demo.greeter\".",
                assertThrows(AppLoadException.class, () -> withJar.load("demo.greeter:Other", false)).getMessage());
    }

    /** Compiles demo.greeter.GreeterApp into {@code dir}, against the class that defines Application. */
    private static void compileGreeter(Path dir) throws IOException, URISyntaxException {
        Path source = dir.resolve("GreeterApp.java");
        Files.writeString(source, """
                package demo.greeter;

                public class GreeterApp implements io.jvicorn.asgi.Application {
                    @Override
                    public void call(io.jvicorn.asgi.Scope scope, io.jvicorn.asgi.Receive receive,
                                     io.jvicorn.asgi.Send send) {
                    }
                }
                """);
        Path core = Path.of(Application.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, OutputStream.nullOutputStream(), System.err,
                "-d", dir.toString(), "-cp", core.toString(), source.toString());
        assertEquals(0, status, "javac failed");
        Files.delete(source);
        assertTrue(Files.exists(dir.resolve("demo/greeter/GreeterApp.class")));
    }

    /** Collects WARNING messages of jvicorn.error. */
    private static final class WarningCapture extends Handler implements AutoCloseable {
        private static final Logger LOGGER = Logger.getLogger(CliLogging.ERROR_LOGGER);
        final List<String> messages = new CopyOnWriteArrayList<>();

        WarningCapture() {
            LOGGER.setLevel(Level.ALL); // whatever another test left on the root logger
            LOGGER.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
                messages.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            LOGGER.removeHandler(this);
            LOGGER.setLevel(null);
        }
    }
}

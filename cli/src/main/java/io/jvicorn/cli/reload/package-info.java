/**
 * The file-watching half of {@code --reload}: which directories and file patterns Uvicorn's reload options select
 * ({@link io.jvicorn.cli.reload.ReloadSettings}) and the watcher that reports changes to them
 * ({@link io.jvicorn.cli.reload.ChangeWatcher}). Internal to the command line; the module does not export it.
 */
@NullMarked
package io.jvicorn.cli.reload;

import org.jspecify.annotations.NullMarked;

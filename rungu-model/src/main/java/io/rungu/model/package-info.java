/**
 * The data of a Rungu board: records for what is stored, records named for intent for what a caller asks,
 * the {@link io.rungu.model.Actor} that asks, and the one exception every layer understands.
 * This package depends on the JDK only.
 */
package io.rungu.model;

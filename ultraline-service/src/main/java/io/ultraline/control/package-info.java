/**
 * Operator control of the running pipeline: calibration commands as the CLI and the HTTP API
 * write them to line.calibration (START, STOP, RESET, PUSH, and the profile changes ADD_NORMAL
 * and MARGIN), operator feedback on line.feedback, and its export as an evaluation dataset.
 * Validation here mirrors the pipeline's own (CommandValidationProcessor), so an operator hears
 * about a bad request at once instead of finding it in line.frames.dlq.
 */
package io.ultraline.control;

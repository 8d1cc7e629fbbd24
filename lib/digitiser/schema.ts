/**
 * The shapes a digitisation is stored in (Digitisation.crop, .calibration, .points, .derived).
 * Coordinates are in pixels of the figure image at scale 1 (the PDF page rendered at the stored
 * `renderScale`, or the uploaded image), with sub-pixel precision; y grows downwards as on screen.
 */
import { z } from "zod";

const coordinate = z.number().finite();
export const pointSchema = z.object({ x: coordinate, y: coordinate });
export type Point = z.infer<typeof pointSchema>;

/** A rectangle of the source image, in its own pixels. */
export const cropSchema = z.object({
  x: coordinate.min(0),
  y: coordinate.min(0),
  width: z.number().positive(),
  height: z.number().positive(),
  /** PDF pages are rendered at this many image pixels per PDF point; clicks are in those pixels. */
  renderScale: z.number().positive().default(1),
  /** Which of the study's reports the PDF page belongs to. */
  recordId: z.string().optional(),
});
export type Crop = z.infer<typeof cropSchema>;

export const AXIS_SCALES = ["linear", "log10"] as const;
export type AxisScale = (typeof AXIS_SCALES)[number];

/** Two clicked reference points on an axis and the values typed for them. */
export const axisCalibrationSchema = z
  .object({
    scale: z.enum(AXIS_SCALES).default("linear"),
    p1: pointSchema.extend({ value: z.number().finite() }),
    p2: pointSchema.extend({ value: z.number().finite() }),
  })
  .refine((a) => a.p1.value !== a.p2.value, { message: "The two reference values must differ." })
  .refine((a) => a.p1.x !== a.p2.x || a.p1.y !== a.p2.y, { message: "Click two different points on the axis." })
  .refine((a) => a.scale === "linear" || (a.p1.value > 0 && a.p2.value > 0), { message: "A log axis needs positive reference values." });
export type AxisCalibration = z.infer<typeof axisCalibrationSchema>;

export const calibrationSchema = z.object({ y: axisCalibrationSchema, x: axisCalibrationSchema.optional() });
export type Calibration = z.infer<typeof calibrationSchema>;

export const ERROR_BAR_TYPES = ["SD", "SEM", "CI95"] as const;
export type ErrorBarType = (typeof ERROR_BAR_TYPES)[number];

/** What was clicked for one group: a bar/marker with its error bar, or a box plot's five numbers. */
export const groupClicksSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("BAR"),
    group: z.string().trim().min(1).max(200),
    /** The group's id in the extraction's experiment, when picked from the form. */
    groupId: z.string().optional(),
    n: z.number().int().min(1).optional(),
    errorType: z.enum(ERROR_BAR_TYPES),
    mean: pointSchema,
    /** The end of the error bar (either side; the bar is taken as symmetric). */
    errorEnd: pointSchema.optional(),
  }),
  z.object({
    kind: z.literal("BOX"),
    group: z.string().trim().min(1).max(200),
    groupId: z.string().optional(),
    n: z.number().int().min(1).optional(),
    median: pointSchema,
    q1: pointSchema.optional(),
    q3: pointSchema.optional(),
    min: pointSchema.optional(),
    max: pointSchema.optional(),
  }),
  z.object({
    kind: z.literal("POINT"),
    group: z.string().trim().min(1).max(200),
    groupId: z.string().optional(),
    at: pointSchema,
  }),
]);
export type GroupClicks = z.infer<typeof groupClicksSchema>;

export const figureClicksSchema = z.array(groupClicksSchema).max(200);

/** What the digitiser page sends to be stored; the derived numbers are recomputed on the server. */
export const saveDigitisationSchema = z.object({
  slug: z.string().min(1),
  studyId: z.string().min(1),
  digitisationId: z.string().optional(),
  /** Made by an owner/adjudicator while building the consensus, rather than as one extractor's own. */
  consensus: z.boolean().default(false),
  locator: z.string().trim().min(1, "Say where the figure is, e.g. “Figure 3B, page 6”.").max(200),
  sourceKind: z.enum(["PDF", "IMAGE"]),
  page: z.number().int().min(1).optional(),
  imagePath: z.string().max(300).optional(),
  crop: cropSchema,
  calibration: calibrationSchema,
  clicks: figureClicksSchema.min(1, "Digitise at least one group."),
  /** Where the values go in the extractor's outcome data. */
  target: z
    .object({ outcome: z.string().trim().min(1).max(200), timepoint: z.string().trim().max(100).default(""), experimentId: z.string().min(1) })
    .optional(),
});
export type SaveDigitisationInput = z.infer<typeof saveDigitisationSchema>;

export const IMAGE_TYPES = { "image/png": "png", "image/jpeg": "jpg" } as const;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

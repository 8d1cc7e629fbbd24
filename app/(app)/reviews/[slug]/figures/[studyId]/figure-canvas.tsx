"use client";
import { useEffect, useRef, useState } from "react";
import type { Crop, Point } from "@/lib/digitiser/schema";

export type Marker = { at: Point; label: string; colour: string; shape?: "cross" | "circle" };
export type Mode = "crop" | "click";

const LOUPE = 140;
const LOUPE_ZOOM = 4;

/**
 * The figure at a zoom, cropped, with the calibration and clicks drawn over it in image
 * coordinates. Clicks report sub-pixel image coordinates (the pointer's fractional position
 * divided by the zoom); a loupe magnifies the spot under the pointer.
 */
export function FigureCanvas({
  source,
  crop,
  zoom,
  mode,
  markers,
  onPoint,
  onCrop,
}: {
  source: HTMLCanvasElement;
  crop: Crop;
  zoom: number;
  mode: Mode;
  markers: Marker[];
  onPoint: (p: Point) => void;
  onCrop: (c: Crop) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const loupeRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Point | null>(null);
  const [dragFrom, setDragFrom] = useState<Point | null>(null);
  const width = Math.round(crop.width * zoom);
  const height = Math.round(crop.height * zoom);

  useEffect(() => {
    const ctx = canvasRef.current?.getContext("2d");
    if (!ctx) return;
    ctx.imageSmoothingEnabled = zoom < 2;
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(source, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
  }, [source, crop, zoom, width, height]);

  useEffect(() => {
    const ctx = loupeRef.current?.getContext("2d");
    if (!ctx || !hover) return;
    const span = LOUPE / LOUPE_ZOOM;
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, LOUPE, LOUPE);
    ctx.drawImage(source, hover.x - span / 2, hover.y - span / 2, span, span, 0, 0, LOUPE, LOUPE);
    ctx.strokeStyle = "#d00";
    ctx.beginPath();
    ctx.moveTo(LOUPE / 2, 0);
    ctx.lineTo(LOUPE / 2, LOUPE);
    ctx.moveTo(0, LOUPE / 2);
    ctx.lineTo(LOUPE, LOUPE / 2);
    ctx.stroke();
  }, [hover, source]);

  const toImage = (event: React.PointerEvent): Point => {
    const box = canvasRef.current!.getBoundingClientRect();
    return { x: crop.x + (event.clientX - box.left) / zoom, y: crop.y + (event.clientY - box.top) / zoom };
  };

  const r = 5 / zoom;
  return (
    <div className="flex gap-3">
      <div className="relative max-h-[70vh] max-w-full overflow-auto rounded border border-stone-300 bg-white" data-testid="figure-viewport">
        <div className="relative" style={{ width, height }}>
          <canvas ref={canvasRef} width={width} height={height} className="block" aria-label="Figure to digitise" />
          <svg
            className={`absolute inset-0 ${mode === "crop" ? "cursor-cell" : "cursor-crosshair"}`}
            width={width}
            height={height}
            viewBox={`${crop.x} ${crop.y} ${crop.width} ${crop.height}`}
            data-testid="figure-overlay"
            onPointerMove={(e) => setHover(toImage(e))}
            onPointerLeave={() => setHover(null)}
            onPointerDown={(e) => {
              if (mode === "crop") setDragFrom(toImage(e));
            }}
            onPointerUp={(e) => {
              const p = toImage(e);
              if (mode === "click") return onPoint(p);
              if (!dragFrom) return;
              const x = Math.max(0, Math.min(dragFrom.x, p.x));
              const y = Math.max(0, Math.min(dragFrom.y, p.y));
              const w = Math.abs(p.x - dragFrom.x);
              const h = Math.abs(p.y - dragFrom.y);
              setDragFrom(null);
              if (w > 10 && h > 10) onCrop({ ...crop, x, y, width: Math.min(w, source.width - x), height: Math.min(h, source.height - y) });
            }}
          >
            {dragFrom && hover && (
              <rect x={Math.min(dragFrom.x, hover.x)} y={Math.min(dragFrom.y, hover.y)} width={Math.abs(hover.x - dragFrom.x)} height={Math.abs(hover.y - dragFrom.y)} fill="rgba(0,90,200,0.1)" stroke="#05c" strokeWidth={1 / zoom} />
            )}
            {markers.map((m, i) => (
              <g key={i} stroke={m.colour} strokeWidth={1.5 / zoom} fill="none">
                {m.shape === "circle" ? (
                  <circle cx={m.at.x} cy={m.at.y} r={r} />
                ) : (
                  <path d={`M${m.at.x - r},${m.at.y}H${m.at.x + r}M${m.at.x},${m.at.y - r}V${m.at.y + r}`} />
                )}
                <text x={m.at.x + r * 1.3} y={m.at.y - r * 0.6} fontSize={11 / zoom} fill={m.colour} stroke="none" fontFamily="sans-serif">
                  {m.label}
                </text>
              </g>
            ))}
          </svg>
        </div>
      </div>
      <div className="shrink-0">
        <canvas ref={loupeRef} width={LOUPE} height={LOUPE} className="rounded border border-stone-300" aria-hidden="true" />
        <p className="mt-1 w-[140px] text-xs text-stone-600" aria-live="off">
          {hover ? `x ${hover.x.toFixed(2)}, y ${hover.y.toFixed(2)} px` : "Loupe ×4"}
        </p>
      </div>
    </div>
  );
}

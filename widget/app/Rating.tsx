import { useId, useState } from "preact/hooks";
import { format } from "./i18n";
import { useText } from "./text";

const scores = [1, 2, 3, 4, 5];

interface RatingFormProps {
  current: number | null;
  onRate: (score: number, comment: string) => void;
  onCancel: () => void;
}

/** 1 to 5 and an optional comment; the customer may rate again until the chat closes. */
export function RatingForm({ current, onRate, onCancel }: RatingFormProps) {
  const text = useText();
  const id = useId();
  const [score, setScore] = useState<number | null>(current);
  const [comment, setComment] = useState("");

  return (
    <form
      class="rating"
      onSubmit={(event) => {
        event.preventDefault();
        if (score !== null) onRate(score, comment);
      }}
    >
      <fieldset>
        <legend>{text.ratingLegend}</legend>
        <div class="stars">
          {scores.map((value) => (
            <label key={value} class={score !== null && value <= score ? "star on" : "star"}>
              <input
                type="radio"
                name={`${id}-score`}
                value={value}
                checked={score === value}
                aria-label={format(text.ratingOption, { score: value })}
                onChange={() => setScore(value)}
              />
              <span aria-hidden="true">★</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label for={`${id}-comment`}>{text.ratingComment}</label>
      <textarea
        id={`${id}-comment`}
        rows={2}
        maxLength={2000}
        value={comment}
        onInput={(event) => setComment(event.currentTarget.value)}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={score === null}>
          {text.sendRating}
        </button>
        <button type="button" onClick={onCancel}>
          {text.cancel}
        </button>
      </div>
    </form>
  );
}
